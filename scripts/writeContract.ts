/** `npm run contract:write`: regenerates the published JSON Schema from bot/orders/contract.ts. */
import { writeFile } from 'node:fs/promises';
import { CONTRACT_SCHEMA_PATH, contractJsonSchema } from '../bot/orders/contract.js';

await writeFile(CONTRACT_SCHEMA_PATH, `${JSON.stringify(contractJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${CONTRACT_SCHEMA_PATH}\n`);
