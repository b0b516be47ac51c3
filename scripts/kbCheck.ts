/**
 * `npm run kb:check [dir]`: validates the knowledge base (rules, shop profile, refund reasons),
 * the intent examples and the templates, exactly as the bot does at start-up. Exit code 1 and a
 * message naming file, entry and field on any problem.
 */
import { loadDataset } from '../bot/nlu/dataset.js';
import { loadCalibration } from '../bot/nlu/recognizer.js';
import { loadKnowledge } from '../knowledge/loader.js';
import { KNOWLEDGE_DIR } from '../knowledge/paths.js';
import { Templates } from '../templates/templates.js';

const dir = process.argv[2] ?? KNOWLEDGE_DIR;
try {
  const kb = await loadKnowledge(dir);
  const [dataset, templates, calibration] = await Promise.all([loadDataset(), Templates.load(), loadCalibration()]);
  process.stdout.write(
    `knowledge OK: ${kb.rules.all().length} rules, ${kb.refundReasons.length} refund reasons, shop "${kb.profile.shop.name}"; ` +
      `${dataset.train.length} intent examples, ${dataset.test.length} test + ${dataset.hard.length} hard held out ` +
      `(${dataset.overlaps.length} held-out lines equal to training lines left out of the evaluation); ${templates.keys().length} templates\n`,
  );
  if (calibration.fitted.trainingExamples !== dataset.train.length)
    process.stdout.write(
      `note: bot/nlu/calibration.json was fitted on ${calibration.fitted.trainingExamples} training examples, there are ${dataset.train.length} now: run npm run eval:nlu to refit the confidence\n`,
    );
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
