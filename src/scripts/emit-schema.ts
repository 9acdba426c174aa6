import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createSchema, printSchemaFile } from '../schema';
import { EXIT_OK, runCommand } from './run-command';

/** Writes schema/schema.graphql from the code; a test fails when the committed file is stale. */
async function main(): Promise<number> {
  const target = path.resolve(__dirname, '../../../schema/schema.graphql');
  writeFileSync(target, printSchemaFile(await createSchema()));
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
  return EXIT_OK;
}

runCommand('schema:emit', main);
