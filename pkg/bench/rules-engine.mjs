// The riskgate decision in json-rules-engine: the policy's numbers become rules, the request
// and the classified categories become facts. Classification is plain.mjs's (picomatch,
// compiled once per policy); every score contribution, the gate level (base band, then the
// modifiers in policy order), the checklist and the blockers are rules of one engine,
// built once per policy, run once per request:
//
//   priority 100  score rules (tier base, one per category, context, mitigations), in parallel
//   priority  90  gate band rules, on the `total` fact (the sum of the score events, floored)
//   priority  80… one priority per gate modifier, in policy order: each raises the `level` fact
//   priority  10  checklist requirements and blockers, on the final `level`
//
// The decision is assembled from the events in the shape of the engine's (seed 000 sections;
// no rollout plan, as plain.mjs), then serialized like the engine's. What is not a rule comes
// from plain.mjs, so the two JavaScript versions cannot drift: the classification, the gate
// levels, the base level's reason, the blocker messages, the line totals and the budget
// arithmetic.

import { Engine } from 'json-rules-engine';
import {
  baseLevelReason, blockerMessage, budgetStatus, classifyChange, docsOnly, LEVELS, levelIndex, lineTotals, remainingPct, roundPct,
} from './plain.mjs';

// A policy `when` condition (`Condition` of core/src/policy.rs) as json-rules-engine conditions.
function whenConditions(when) {
  const all = [];
  if (!when) return all;
  if (when.budgetStatus != null) all.push({ fact: 'budgetStatus', operator: 'in', value: when.budgetStatus });
  if (when.exceptionsAtLeast != null) all.push({ fact: 'exceptions', operator: 'greaterThanInclusive', value: when.exceptionsAtLeast });
  if (when.categoriesAny != null) {
    all.push({ any: when.categoriesAny.map((id) => ({ fact: 'categoryIds', operator: 'contains', value: id })) });
  }
  if (when.customerImpacting != null) all.push({ fact: 'customerImpacting', operator: 'equal', value: when.customerImpacting });
  if (when.releaseTypes != null) all.push({ fact: 'releaseType', operator: 'in', value: when.releaseTypes });
  return all;
}

/** Builds the rules engine of a compiled policy (plain.mjs `compilePolicy`), once. */
export function buildEngine(compiled) {
  const policy = compiled.policy;
  const engine = new Engine([], { allowUndefinedFacts: true });

  // Score. `order` is the position of the contribution in the engine's explanation (rules of
  // one priority fire in no set order).
  let order = 0;
  for (const [tier, rule] of Object.entries(policy.tiers)) {
    engine.addRule({
      name: `tier_${tier}`,
      priority: 100,
      conditions: { all: [{ fact: 'tier', operator: 'equal', value: Number(tier) }] },
      event: { type: 'score', params: { order: order++, kind: 'base', id: `tier_${tier}`, points: rule.base, label: rule.label } },
    });
  }
  for (const { id, rule } of compiled.categories) {
    engine.addRule({
      name: `category_${id}`,
      priority: 100,
      conditions: { all: [{ fact: 'categoryIds', operator: 'contains', value: id }] },
      event: { type: 'score', params: { order: order++, kind: 'diff', id, points: rule.points, label: rule.label } },
    });
  }
  const ctx = policy.context;
  const contextRules = [
    ['incident', ctx.incident, { any: [
      { fact: 'activeIncident', operator: 'equal', value: true },
      { fact: 'recentSev12', operator: 'equal', value: true },
    ] }],
    ['error_budget_low', ctx.errorBudgetLow, { all: [
      { fact: 'errorBudgetPct', operator: 'lessThan', value: ctx.errorBudgetLow.belowPct },
    ] }],
    ['on_call_load_high', ctx.onCallLoadHigh, { all: [{ fact: 'onCallLoadHigh', operator: 'equal', value: true }] }],
    ['restricted_window', ctx.restrictedWindow, { all: [{ fact: 'restrictedWindow', operator: 'equal', value: true }] }],
  ];
  for (const [id, rule, conditions] of contextRules) {
    engine.addRule({
      name: id,
      priority: 100,
      conditions,
      event: { type: 'score', params: { order: order++, kind: 'context', id, points: rule.points, label: rule.label } },
    });
  }
  for (const [id, rule] of Object.entries(policy.mitigations)) {
    engine.addRule({
      name: `mitigation_${id}`,
      priority: 100,
      conditions: { all: [{ fact: 'mitigations', operator: 'contains', value: id }] },
      event: { type: 'score', params: { order: order++, kind: 'mitigation', id, points: -rule.points, label: rule.label } },
    });
  }
  // The total, once the score rules have fired.
  engine.addFact('total', async (_params, almanac) => {
    const events = await almanac.getEvents('success');
    let raw = 0;
    for (const e of events) if (e.type === 'score') raw += e.params.points;
    return Math.max(raw, policy.minimumScore);
  });

  // Gate: the base level, then the modifiers one after the other.
  const setLevel = (level) => async (_event, almanac) => {
    almanac.addRuntimeFact('level', level);
  };
  const t = policy.gates.thresholds;
  const bands = [
    ['G0', { all: [{ fact: 'docsOnly', operator: 'equal', value: true }] }],
    ['G4', { all: [{ fact: 'docsOnly', operator: 'equal', value: false }, { fact: 'total', operator: 'greaterThanInclusive', value: t.G4 }] }],
    ['G3', { all: [{ fact: 'docsOnly', operator: 'equal', value: false }, { fact: 'total', operator: 'greaterThanInclusive', value: t.G3 }, { fact: 'total', operator: 'lessThan', value: t.G4 }] }],
    ['G2', { all: [{ fact: 'docsOnly', operator: 'equal', value: false }, { fact: 'total', operator: 'greaterThanInclusive', value: t.G2 }, { fact: 'total', operator: 'lessThan', value: t.G3 }] }],
    ['G1', { all: [{ fact: 'docsOnly', operator: 'equal', value: false }, { fact: 'total', operator: 'lessThan', value: t.G2 }] }],
  ];
  for (const [level, conditions] of bands) {
    engine.addRule({ name: `band_${level}`, priority: 90, conditions, event: { type: 'base', params: { level } }, onSuccess: setLevel(level) });
  }
  policy.modifiers.forEach((m, i) => {
    engine.addRule({
      name: `modifier_${m.id}`,
      priority: 80 - i,
      conditions: { all: [{ fact: 'levelIndex', operator: 'greaterThanInclusive', value: levelIndex(m.fromLevel) }, ...whenConditions(m.when)] },
      event: { type: 'modifier', params: { id: m.id, raise: m.raise, reason: m.reason, explanation: m.explanation } },
      onSuccess: async (event, almanac) => {
        const from = await almanac.factValue('level');
        const to = LEVELS[Math.min(4, levelIndex(from) + m.raise)];
        event.params = { ...event.params, from, to };
        almanac.addRuntimeFact('level', to);
      },
    });
  });
  engine.addFact('levelIndex', async (_params, almanac) => levelIndex(await almanac.factValue('level')), { cache: false });

  // Checklist and blockers, on the final level.
  const after = 80 - policy.modifiers.length - 1;
  policy.gates.requirements.forEach((r, order) => {
    engine.addRule({
      name: `requirement_${r.id}`,
      priority: after,
      conditions: { all: [{ fact: 'levelIndex', operator: 'greaterThanInclusive', value: levelIndex(r.level) }, ...whenConditions(r.when)] },
      event: { type: 'requirement', params: { order, id: r.id, text: r.text, level: r.level } },
    });
  });
  const b = policy.blockers;
  if (b.budgetRedHighRisk) {
    engine.addRule({
      name: 'budget_red_high_risk',
      priority: after,
      conditions: { all: [
        { fact: 'budgetStatus', operator: 'in', value: b.budgetRedHighRisk.budgetStatus },
        { fact: 'highRiskCount', operator: 'greaterThan', value: 0 },
      ] },
      event: { type: 'blocker', params: { order: 0, code: 'budget_red_high_risk' } },
    });
  }
  if (b.budgetExhausted) {
    engine.addRule({
      name: 'budget_exhausted',
      priority: after,
      conditions: { all: [
        { fact: 'budgetStatus', operator: 'in', value: b.budgetExhausted.budgetStatus },
        { fact: 'releaseType', operator: 'notIn', value: b.budgetExhausted.allowedReleaseTypes },
      ] },
      event: { type: 'blocker', params: { order: 1, code: 'budget_exhausted' } },
    });
  }
  if (b.incidentFreeze) {
    engine.addRule({
      name: 'incident_freeze',
      priority: after,
      conditions: { all: [
        { any: [
          { fact: 'activeIncident', operator: 'equal', value: true },
          { fact: 'errorBudgetPct', operator: 'lessThan', value: b.incidentFreeze.errorBudgetBelowPct },
        ] },
        { fact: 'releaseType', operator: 'in', value: b.incidentFreeze.blockedReleaseTypes },
      ] },
      event: { type: 'blocker', params: { order: 2, code: 'incident_freeze' } },
    });
  }
  return engine;
}

/** The decision for a parsed request (async: json-rules-engine is). */
export async function decide(compiled, engine, request) {
  const policy = compiled.policy;
  for (const key of ['policy', 'ledger', 'errorBudget', 'readiness', 'pipeline', 'prerequisites', 'exception']) {
    if (request[key] !== undefined) throw new Error(`rules-engine.mjs: request.${key} is not ported`);
  }
  const { service, change } = request;
  const ctx = request.context ?? {};
  const tier = policy.tiers[String(service.tier)];
  if (!tier) throw new Error(`service.tier: tier ${service.tier} is not defined by the policy`);
  const releaseType = change.releaseType ?? 'feature';
  const changeFiles = change.files ?? [];

  // Facts: the classified categories (plain.mjs's classification, picomatch) and the request.
  const { categories, files, hitFiles } = classifyChange(compiled, change);
  const categoryIds = categories.map((c) => c.id);
  const snapshot = request.budget ?? {};
  const allocated = snapshot.allocated ?? tier.monthlyBudget;
  const consumed = snapshot.consumed ?? 0;
  const remainingBefore = allocated - consumed;
  const statusBefore = budgetStatus(remainingBefore, allocated, policy.budget);
  const facts = {
    tier: service.tier,
    categoryIds,
    docsOnly: docsOnly(policy, categoryIds),
    highRiskCount: categories.filter((c) => c.highRisk).length,
    activeIncident: ctx.activeIncident ?? false,
    recentSev12: ctx.recentSev12 ?? false,
    errorBudgetPct: ctx.errorBudgetRemainingPct,
    onCallLoadHigh: ctx.onCallLoadHigh ?? false,
    restrictedWindow: ctx.restrictedWindow ?? false,
    mitigations: change.mitigations ?? [],
    budgetStatus: statusBefore,
    exceptions: snapshot.exceptionsThisWindow ?? 0,
    customerImpacting: change.customerImpacting ?? false,
    releaseType,
  };

  const { events, almanac } = await engine.run(facts);

  // The decision, from the events.
  const evidence = {
    base: () => [`service ${service.name} is tier ${service.tier}`],
    diff: (id) => {
      const files = hitFiles[compiled.categories.findIndex((c) => c.id === id)];
      return files.length ? [...files] : ['declared in change.categories'];
    },
    incident: () => [ctx.activeIncident && 'context.activeIncident', ctx.recentSev12 && 'context.recentSev12'].filter(Boolean),
    error_budget_low: () => [`context.errorBudgetRemainingPct = ${ctx.errorBudgetRemainingPct}`],
    on_call_load_high: () => ['context.onCallLoadHigh'],
    restricted_window: () => ['context.restrictedWindow'],
    mitigation: () => ['declared in change.mitigations'],
  };
  const contributions = events
    .filter((e) => e.type === 'score')
    .map((e) => e.params)
    .sort((a, b) => a.order - b.order)
    .map((p) => ({
      kind: p.kind, id: p.id, points: p.points, label: p.label,
      evidence: p.kind === 'diff' ? evidence.diff(p.id) : p.kind === 'context' ? evidence[p.id]() : evidence[p.kind](),
    }));
  const total = await almanac.factValue('total');
  const raw = contributions.reduce((s, c) => s + c.points, 0);
  if (raw < total) {
    contributions.push({ kind: 'floor', id: 'minimum_score', points: total - raw, label: `Minimum RRS floor: a change never scores below ${policy.minimumScore} RP`, evidence: [`raw score ${raw}`] });
  }
  const base = events.find((e) => e.type === 'base').params.level;
  const level = await almanac.factValue('level');
  const adjustments = events.filter((e) => e.type === 'modifier').map(({ params: p }) => ({
    from: p.from, to: p.to, reason: p.to === p.from ? `${p.reason} (already at ${p.from}, the highest level)` : p.reason, rule: p.id, explanation: p.explanation,
  }));
  const requirements = events.filter((e) => e.type === 'requirement').map((e) => e.params)
    .sort((a, b) => levelIndex(a.level) - levelIndex(b.level) || a.order - b.order)
    .map(({ id, text, level: l }) => ({ id, text, level: l }));
  const blockerFacts = {
    highRisk: categories.filter((c) => c.highRisk).map((c) => c.id),
    releaseType,
    activeIncident: ctx.activeIncident,
    errorBudgetPct: ctx.errorBudgetRemainingPct,
  };
  const blockers = events.filter((e) => e.type === 'blocker').map((e) => e.params).sort((x, y) => x.order - y.order)
    .map(({ code }) => ({ code, message: blockerMessage(policy, code, blockerFacts), waived: false }));
  const remainingAfter = remainingBefore - total;
  const { additions, deletions } = lineTotals(changeFiles);
  return {
    score: { total, contributions },
    categories,
    gate: { level, baseLevel: base, baseReason: baseLevelReason(policy, base, total, categoryIds), adjustments, requirements },
    budget: {
      allocated, consumedBefore: consumed, remainingBefore,
      remainingPctBefore: roundPct(remainingPct(remainingBefore, allocated)), statusBefore,
      charge: total, penalty: 0, remainingAfter,
      remainingPctAfter: roundPct(remainingPct(remainingAfter, allocated)),
      statusAfter: budgetStatus(remainingAfter, allocated, policy.budget),
      exceptionsThisWindow: facts.exceptions,
    },
    verdict: blockers.length === 0 ? 'go' : 'blocked',
    blockers,
    exception: null,
    service: { name: service.name, tier: service.tier, tierLabel: tier.label },
    change: { id: change.id, title: change.title ?? null, releaseType, customerImpacting: facts.customerImpacting, fileCount: changeFiles.length, additions, deletions },
    files,
    policy: { name: policy.name, version: policy.version },
  };
}

/** Text in, text out: parse the request, run the rules, serialize the decision. */
export async function decideJson(compiled, engine, text) {
  return JSON.stringify(await decide(compiled, engine, JSON.parse(text)), null, 2);
}
