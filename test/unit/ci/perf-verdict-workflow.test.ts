import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The example workflow is never run by this repository's CI, so what can rot silently is checked here:
// the npm scripts it calls, the verdict file names it posts, and what it needs to post them.

const root = new URL('../../../', import.meta.url);
const workflowText = readFileSync(new URL('.github/workflows/perf-verdict.yml', root), 'utf8');
const packageScripts = Object.keys(JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).scripts);

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

// parse throws on YAML errors, duplicate keys included.
const workflow = parse(workflowText) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const runs = steps.flatMap((step) => (step.run ? [step.run] : []));

describe('.github/workflows/perf-verdict.yml', () => {
  it('runs on pull requests and may write PR comments', () => {
    expect(Object.keys(workflow.on)).toContain('pull_request');
    expect(workflow.permissions['pull-requests']).toBe('write');
  });

  it('runs the smoke phase with a verdict without failing that step, and fails the job last', () => {
    const smoke = steps.find((step) => step.run?.includes('npm run smoke -- --verdict'));
    expect(smoke?.id).toBeDefined();
    expect(smoke?.run).toMatch(/set \+e[\s\S]*npm run smoke -- --verdict/);
    const last = steps.at(-1)!;
    expect(last.if).toContain('always()');
    expect(JSON.stringify(last)).toContain(`steps.${smoke!.id}.outputs.exit-code`);
  });

  it('calls only npm scripts that package.json has', () => {
    const used = new Set(runs.flatMap((run) => [...run.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!)));
    expect(used.size).toBeGreaterThan(0);
    for (const name of used) expect(packageScripts, `npm run ${name}`).toContain(name);
  });

  it('posts verdict.md to the job summary and as a sticky comment, and uploads verdict.junit.xml', () => {
    expect(runs.some((run) => run.includes('verdict.md') && run.includes('$GITHUB_STEP_SUMMARY'))).toBe(true);
    const comment = steps.find((step) => step.uses?.startsWith('actions/github-script@'));
    expect(String(comment?.with?.script)).toContain("'verdict.md'");
    expect(String(comment?.with?.script)).toContain('<!-- loadbook-verdict -->');
    const uploaded = steps.filter((step) => step.uses?.startsWith('actions/upload-artifact@')).map((step) => String(step.with?.path));
    expect(uploaded.some((p) => p.endsWith('/verdict.junit.xml'))).toBe(true);
  });

  it('uses only actions/* actions, pinned to a major version', () => {
    for (const step of steps.filter((s) => s.uses)) expect(step.uses).toMatch(/^actions\/[\w./-]+@v\d+$/);
  });
});
