/**
 * `npm run kb:check [dir]`: validates the knowledge base (rules, shop profile, refund reasons,
 * catalogue, FAQ, promotions), the intent examples and the templates, exactly as the bot does at
 * start-up. Exit code 1 and a message naming file, entry and field on any problem.
 *
 * Then warnings (exit code still 0): references that may be intended, and the catalogue checked
 * against the order system — ORDER_API_URL (with ORDER_API_KEY) when set, else the embedded demo:
 * described items it does not list, categories that differ, size-chart sizes no SKU has.
 */
import { loadDataset } from '../bot/nlu/dataset.js';
import { loadCalibration } from '../bot/nlu/recognizer.js';
import { crossCheckCatalogue } from '../bot/orders/catalogue.js';
import { DemoOrderApi } from '../bot/orders/demo/demoOrderApi.js';
import { DEMO_ITEMS } from '../bot/orders/demo/fixtures.js';
import { HttpOrderApi } from '../bot/orders/httpOrderApi.js';
import type { OrderApi } from '../bot/orders/orderApi.js';
import { MemoryResponseCache } from '../bot/orders/responseCache.js';
import { loadKnowledge } from '../knowledge/loader.js';
import { KNOWLEDGE_DIR } from '../knowledge/paths.js';
import { Templates } from '../templates/templates.js';

const dir = process.argv[2] ?? KNOWLEDGE_DIR;

function orderSystem(): { api: OrderApi; name: string; listed?: string[] } {
  const url = process.env.ORDER_API_URL;
  if (!url) return { api: new DemoOrderApi(), name: 'the embedded demo order system', listed: DEMO_ITEMS.map((i) => i.itemId) };
  const api = new HttpOrderApi({
    baseUrl: url,
    apiKey: process.env.ORDER_API_KEY,
    timeoutMs: Number(process.env.ORDER_API_TIMEOUT_MS) || 2000,
    retries: 1,
    backoffMs: 100,
    cache: new MemoryResponseCache(),
    cacheTtlSeconds: 1,
  });
  return { api, name: `the order system at ${url}` };
}

try {
  const kb = await loadKnowledge(dir);
  const [dataset, templates, calibration] = await Promise.all([loadDataset(), Templates.load(), loadCalibration()]);
  const { promotions } = kb;
  process.stdout.write(
    `knowledge OK: ${kb.rules.all().length} rules, ${kb.refundReasons.length} refund reasons, shop "${kb.profile.shop.name}"; ` +
      `${kb.catalogue.all().length} catalogue items, ${kb.faq.entries.length} FAQ entries, ` +
      `${promotions.all.length} promotions and ${promotions.activities.length} activities; ` +
      `${dataset.train.length} intent examples, ${dataset.test.length} test + ${dataset.hard.length} hard held out ` +
      `(${dataset.overlaps.length} held-out lines equal to training lines left out of the evaluation); ${templates.keys().length} templates\n`,
  );
  if (calibration.fitted.trainingExamples !== dataset.train.length)
    process.stdout.write(
      `note: bot/nlu/calibration.json was fitted on ${calibration.fitted.trainingExamples} training examples, there are ${dataset.train.length} now: run npm run eval:nlu to refit the confidence\n`,
    );
  const system = orderSystem();
  const crossChecked = await crossCheckCatalogue(kb, system.api, system.listed).catch((err: Error) => [
    `could not check the catalogue against ${system.name}: ${err.message}`,
  ]);
  const warnings = [...kb.warnings, ...crossChecked];
  if (warnings.length) process.stdout.write(`${warnings.length} warning(s), checked against ${system.name}:\n${warnings.map((w) => `  warning: ${w}`).join('\n')}\n`);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
