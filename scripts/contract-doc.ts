// `npm run docs:contract`: writes docs/contract.md from the contract's schemas and summaries.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractMarkdown } from '../src/shared/contract/contract-doc';

const file = join(__dirname, '..', 'docs', 'contract.md');
writeFileSync(file, contractMarkdown());
console.log(`Wrote ${file}`);
