// Validates an OpenAPI document with @apidevtools/swagger-parser (an ES module, so run apart from jest).
// Usage: node validate-openapi.mjs <document.json>; exit code 0 when valid, else the reason on stderr.
import SwaggerParser from '@apidevtools/swagger-parser';
import { readFileSync } from 'node:fs';

const document = JSON.parse(readFileSync(process.argv[2], 'utf8'));
try {
  await SwaggerParser.validate(document);
  process.stdout.write('valid\n');
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
