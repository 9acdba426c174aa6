require('reflect-metadata');
const { realmOf } = require('/work/main/dist/bench/api-servers');
const { adHocUser } = require('/work/main/dist/src/auth/dev-realm');
const { newProject, CREATE_PROJECT, REPORT_PROGRESS } = require('/work/main/dist/bench/closed-loop');
const fs = require('fs'); const { execSync } = require('child_process');
const cpu = (pid) => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) / 100; };
const pgCpu = () => execSync("pgrep -f 'postgres'").toString().trim().split('\n').map(Number).reduce((s, p) => { try { return s + cpu(p) } catch { return s } }, 0);
(async () => {
  const realm = await realmOf('/tmp/kpdata');
  const town = process.argv[2] || '371402001';
  const token = realm.issue(adHocUser({ tenantCode: town, roles: ['town-officer'] }));
  const post = async (query, variables) => { const r = await fetch('http://localhost:4100/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) }); return r.json(); };
  const server = Number(execSync("pgrep -f 'dist/src/main.js'").toString().trim().split('\n')[0]);
  const N = Number(process.argv[3] || 200);
  const ids = [];
  let c0 = cpu(server), p0 = pgCpu(), t0 = performance.now();
  for (let i = 0; i < N; i++) { const d = await post(CREATE_PROJECT, newProject(`探针项目 ${Date.now()}-${i}`, town)); if (d.errors) { console.log(JSON.stringify(d.errors)); return; } ids.push(d.data.createProject.id); }
  let t1 = performance.now(); console.log(`create: ${(N / ((t1 - t0) / 1000)).toFixed(0)}/s, server ${(1000 * (cpu(server) - c0) / N).toFixed(2)} ms CPU/op, pg ${(1000 * (pgCpu() - p0) / N).toFixed(2)} ms/op`);
  c0 = cpu(server); p0 = pgCpu(); t0 = performance.now();
  for (const id of ids) { const d = await post(REPORT_PROGRESS, { input: { projectId: id, period: '2026-12', completedInvestmentWan: '1', progressNote: '按计划推进' } }); if (d.errors) { console.log(JSON.stringify(d.errors)); return; } }
  t1 = performance.now(); console.log(`report: ${(N / ((t1 - t0) / 1000)).toFixed(0)}/s, server ${(1000 * (cpu(server) - c0) / N).toFixed(2)} ms CPU/op, pg ${(1000 * (pgCpu() - p0) / N).toFixed(2)} ms/op`);
})();
