/**
 * `npm run nlu:classify < input`: one JSON line out per line in. Input lines are JSON objects
 * with a `text` field, or plain text. Output: {text, intent, confidence, entities}.
 */
import { createInterface } from 'node:readline';
import { createRecognizer } from '../bot/nlu/index.js';

const recognizer = await createRecognizer();
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  let text = line;
  if (line.trimStart().startsWith('{')) {
    try {
      const parsed = JSON.parse(line) as { text?: unknown };
      if (typeof parsed.text !== 'string') throw new Error('no "text" string');
      text = parsed.text;
    } catch (err) {
      process.stdout.write(`${JSON.stringify({ text: line, error: `not a JSON line with a text field: ${(err as Error).message}` })}\n`);
      continue;
    }
  }
  const { intent, confidence, entities } = recognizer.recognize(text);
  process.stdout.write(`${JSON.stringify({ text, intent, confidence: Math.round(confidence * 1000) / 1000, entities })}\n`);
}
