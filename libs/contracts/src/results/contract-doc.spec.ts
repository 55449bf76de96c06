import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULT_SCHEMA_ID } from '../published-json-schemas';
import { RESULTS_TOPIC } from '../topics';
import { RESULT_HEADERS, resultKey } from './decision-message';
import { ResultMessageValidator } from './result-message-validator';

/** The "Results topic" section of docs/contract.md: what integrators read must be what the code publishes. */
const section = (() => {
  const doc = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'contract.md'), 'utf8');
  const start = doc.indexOf('\n## Results topic\n');
  const end = doc.indexOf('\n## ', start + 1);
  return start < 0 ? '' : doc.slice(start, end < 0 ? undefined : end);
})();

describe("docs/contract.md's results topic", () => {
  it('shows example messages that the published schema accepts, decisions and a retraction', () => {
    const blocks = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]) as unknown);
    const validator = new ResultMessageValidator();
    const kinds = blocks.map((b) => {
      const parsed = validator.parse(JSON.stringify(b));
      if (!parsed.ok) throw new Error(`example breaks the schema: ${parsed.errors.join('; ')}`);
      expect(section).toContain(`Key: \`${resultKey(parsed.message.source, parsed.message.entityId)}\``);
      return parsed.message.kind;
    });
    expect(kinds).toEqual(expect.arrayContaining(['DECISION', 'RETRACTION']));
  });

  it("names the code's topic, schema $id and headers", () => {
    expect(section).toContain(`\`${RESULTS_TOPIC}\``);
    expect(section).toContain(`\`${RESULT_SCHEMA_ID}\``);
    for (const header of Object.values(RESULT_HEADERS)) expect(section).toContain(`| \`${header}\` |`);
  });
});
