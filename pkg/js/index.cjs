'use strict';
// riskgate for Node (CommonJS). The ESM entry (index.js) re-exports this one module, so
// `import` and `require` share one engine instance and one RiskgateError class.
const glue = require('./glue/node.cjs');
const { makeApi } = require('./shared.cjs');

const api = makeApi(glue, () => true);
// `import riskgate from 'riskgate'` and `require('riskgate').default` both give the API object.
api.default = api;
module.exports = api;
