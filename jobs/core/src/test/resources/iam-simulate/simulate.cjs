// Asks @cloud-copilot/iam-simulate about each request against one identity policy.
// Usage: node simulate.cjs <module dir> < {"policy": {...}, "requests": [{"action", "resource", "context", "resourcePolicy"?}]}
// Prints one line per request: <overallResult> <action> <resource>
const path = require('path');
const { runSimulation } = require(require.resolve('@cloud-copilot/iam-simulate', { paths: [path.resolve(process.argv[2])] }));

const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const account = '111122223333';

(async () => {
  for (const r of input.requests) {
    const response = await runSimulation({
      identityPolicies: [{ name: 'pipeline', policy: input.policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(r.resourcePolicy ? { resourcePolicy: r.resourcePolicy } : {}),
      request: {
        action: r.action,
        principal: `arn:aws:iam::${account}:role/trailtailor-pipeline`,
        resource: { accountId: account, resource: r.resource },
        contextVariables: r.context || {},
      },
    }, {});
    const result = response.resultType === 'error' ? 'Error:' + JSON.stringify(response.errors) : response.overallResult;
    console.log(`${result} ${r.action} ${r.resource}`);
  }
})().catch((e) => { console.error(e); process.exit(1); });
