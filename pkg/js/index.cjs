'use strict';
// riskgate for Node (CommonJS). The ESM entry (index.js) re-exports this one module, so
// `import` and `require` share one engine instance and one RiskgateError class.
const glue = require('./glue/node.cjs');
const { makeApi } = require('./shared.cjs');

// The schemas' texts are read on the first schema() call only: nothing of them at import.
let schemas;
const api = makeApi(glue, () => true, () => {
  schemas ??= require('./schemas.cjs');
  return schemas;
});
// `import riskgate from 'riskgate'` and `require('riskgate').default` both give the API object.
api.default = api;
module.exports = api;
