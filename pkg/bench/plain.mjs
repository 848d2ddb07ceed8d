// The riskgate decision (seed 000: classification, RRS, gate level and checklist, budget,
// blockers, break-glass, verdict, with their explanations) written in plain JavaScript with
// picomatch, as a reasonable JavaScript developer would: the policy read from
// core/policies/stella-ops.json, the globs compiled once per policy, the decision built as
// the engine builds it (core/src/engine.rs, classify.rs, score.rs, gate.rs, budget.rs,
// exception.rs). It is the baseline the package is compared with, not a second engine: what
// it does not port (the seed 001 to 004 sections, a ledger, validation beyond the tier) it
// refuses loudly instead of answering differently.
//
// Not ported: the seed 004 rollout plan, which the default policy adds to every decision of
// the package (and which is most of its JSON). node-bench.mjs measures the package both as
// shipped and with `policy: { rollout: null }`, which makes the two decisions the same.

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';

export const DEFAULT_POLICY_FILE = fileURLToPath(new URL('../../core/policies/stella-ops.json', import.meta.url));

/** The default policy document (the complete `stella-ops` preset). */
export function loadDefaultPolicy(file = DEFAULT_POLICY_FILE) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** A policy document applied over the default (JSON merge patch: maps merge, `null` removes, lists replace). */
export function mergePatch(target, patch) {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

// The pieces below that rules-engine.mjs shares (exported) are the ones outside its rules:
// the gate levels, the classification of a change, the base level's reason, the blocker
// messages and the line totals. One copy, so the two JavaScript versions cannot drift.

/** The gate levels, lowest first. */
export const LEVELS = Object.freeze(['G0', 'G1', 'G2', 'G3', 'G4']);
export const levelIndex = (l) => LEVELS.indexOf(l);

// globset with literal_separator(true), backslash_escape(true), case_insensitive(!matchCase):
// `*` and `?` stop at `/`, `**` spans directories, dot files are ordinary files.
// Default: picomatch's own matcher over the category's globs (what its README shows).
// `combined`: one RegExp per category, the alternation of picomatch.makeRe's expressions
// (a tuned baseline: one regex test per category instead of one per glob).
function matcher(globs, matchCase, combined) {
  if (globs.length === 0) return null;
  const options = { dot: true, nocase: !matchCase };
  if (!combined) return picomatch(globs, options);
  const re = new RegExp(globs.map((g) => picomatch.makeRe(g, options).source).join('|'), matchCase ? '' : 'i');
  return (path) => re.test(path);
}

/**
 * Compiles the path rules of a complete policy document, once. `{ combined: true }` builds
 * one RegExp per category instead of picomatch's per-glob matchers.
 */
export function compilePolicy(policy, { combined = false } = {}) {
  const ids = Object.keys(policy.categories);
  const categories = ids.map((id) => {
    const rule = policy.categories[id];
    return {
      id,
      rule,
      include: matcher(rule.include ?? [], policy.matchCase, combined),
      exclude: matcher(rule.exclude ?? [], policy.matchCase, combined),
    };
  });
  const fallback = ids.indexOf(policy.fallbackCategory);
  if (fallback < 0) throw new Error(`unknown fallback category ${policy.fallbackCategory}`);
  return { policy, categories, fallback };
}

function normalizePath(path) {
  let p = path;
  while (p.startsWith('./')) p = p.slice(2);
  let i = 0;
  while (p.charCodeAt(i) === 47) i++;
  return i ? p.slice(i) : p;
}

/** `{ indices, fallback }`: every category whose include globs match and no exclude glob does. */
export function classifyPath(compiled, path) {
  const p = normalizePath(path);
  const indices = [];
  const cats = compiled.categories;
  for (let i = 0; i < cats.length; i++) {
    const c = cats[i];
    if (c.include !== null && c.include(p) && !(c.exclude !== null && c.exclude(p))) indices.push(i);
  }
  if (indices.length === 0) return { indices: [compiled.fallback], fallback: true };
  return { indices, fallback: false };
}

/** A renamed or copied file also carries its old path's categories. */
export function classifyFile(compiled, path, oldPath) {
  let found = classifyPath(compiled, path);
  if (oldPath != null) {
    const before = classifyPath(compiled, oldPath);
    if (!before.fallback) {
      if (found.fallback) found = before;
      else found = { indices: [...new Set([...found.indices, ...before.indices])].sort((a, b) => a - b), fallback: false };
    }
  }
  return found;
}

/** The classify output of the package: `[{ path, categories, fallback }]`. */
export function classifyPaths(compiled, paths) {
  const out = new Array(paths.length);
  for (let i = 0; i < paths.length; i++) {
    const found = classifyPath(compiled, paths[i]);
    out[i] = { path: paths[i], categories: found.indices.map((c) => compiled.categories[c].id), fallback: found.fallback };
  }
  return out;
}

// Rust's f64::round: half away from zero.
const roundHalfAway = (x) => Math.sign(x) * Math.round(Math.abs(x));
export const roundPct = (pct) => roundHalfAway(pct * 100) / 100;

export function remainingPct(remaining, allocated) {
  return allocated === 0 ? 0 : (remaining * 100) / allocated;
}

export function budgetStatus(remaining, allocated, rules) {
  if (remaining <= 0 || allocated === 0) return 'exhausted';
  const pct = remainingPct(remaining, allocated);
  if (pct < rules.redBelowPct) return 'red';
  if (pct < rules.yellowBelowPct) return 'yellow';
  return 'green';
}

/** `Condition::holds` of core/src/engine.rs. */
export function holds(when, facts) {
  if (!when) return true;
  if (when.budgetStatus != null && !when.budgetStatus.includes(facts.status)) return false;
  if (when.exceptionsAtLeast != null && !(facts.exceptions >= when.exceptionsAtLeast)) return false;
  if (when.categoriesAny != null && !when.categoriesAny.some((id) => facts.categories.includes(id))) return false;
  if (when.customerImpacting != null && when.customerImpacting !== facts.customerImpacting) return false;
  if (when.releaseTypes != null && !when.releaseTypes.includes(facts.releaseType)) return false;
  return true;
}

/** Whether every category of the change is docs-only (true for none): the base level is G0. */
export function docsOnly(policy, categoryIds) {
  return categoryIds.every((c) => policy.gates.docsOnlyCategories.includes(c));
}

/** The engine's explanation of a base level (`level`, from the score or docs-only). */
export function baseLevelReason(policy, level, score, categoryIds) {
  if (level === 'G0') {
    return categoryIds.length === 0
      ? 'the change touches no files and declares no category'
      : `every category of the change is docs-only (${categoryIds.join(', ')})`;
  }
  const t = policy.gates.thresholds;
  const band = level === 'G4' ? `${t.G4} or more`
    : level === 'G3' ? `${t.G3}-${Math.max(0, t.G4 - 1)}`
      : level === 'G2' ? `${t.G2}-${Math.max(0, t.G3 - 1)}`
        : `below ${t.G2}`;
  return `RRS ${score} RP falls in the ${level} band (${band} RP)`;
}

/** `[level, reason]`: the base gate level of a score and its explanation. */
export function baseLevel(policy, score, categoryIds) {
  let level;
  if (docsOnly(policy, categoryIds)) level = 'G0';
  else {
    const t = policy.gates.thresholds;
    level = score >= t.G4 ? 'G4' : score >= t.G3 ? 'G3' : score >= t.G2 ? 'G2' : 'G1';
  }
  return [level, baseLevelReason(policy, level, score, categoryIds)];
}

/**
 * The message of a blocker (`code`: budget_red_high_risk, budget_exhausted, incident_freeze)
 * that applies: the policy's message and why. `highRisk`: the change's high-risk category ids.
 */
export function blockerMessage(policy, code, { highRisk, releaseType, activeIncident, errorBudgetPct }) {
  const b = policy.blockers;
  if (code === 'budget_red_high_risk') return `${b.budgetRedHighRisk.message} High-risk categories: ${highRisk.join(', ')}.`;
  if (code === 'budget_exhausted') return `${b.budgetExhausted.message} This release is a ${releaseType}.`;
  if (code === 'incident_freeze') {
    const why = [];
    if (activeIncident) why.push('an incident is active');
    if (errorBudgetPct != null && errorBudgetPct < b.incidentFreeze.errorBudgetBelowPct) {
      why.push(`the SLO error budget is below ${b.incidentFreeze.errorBudgetBelowPct}%`);
    }
    return `${b.incidentFreeze.message} Here ${why.join(' and ')}, and this release is a ${releaseType}.`;
  }
  throw new Error(`unknown blocker ${code}`);
}

/**
 * Classifies a change's files: `{ categories, files, hitFiles }`, the decision's `categories`
 * (detected or declared, in policy order) and `files`, and the paths behind each category
 * (`hitFiles[i]` for `compiled.categories[i]`).
 */
export function classifyChange(compiled, change) {
  const n = compiled.categories.length;
  const hitFiles = Array.from({ length: n }, () => []);
  const onlyFallback = new Array(n).fill(true);
  const files = [];
  for (const file of change.files ?? []) {
    const found = classifyFile(compiled, file.path, file.oldPath);
    for (const i of found.indices) {
      hitFiles[i].push(file.path);
      onlyFallback[i] &&= found.fallback;
    }
    files.push({
      path: file.path,
      status: file.status ?? 'modified',
      categories: found.indices.map((i) => compiled.categories[i].id),
      fallback: found.fallback,
    });
  }
  const declaredIds = change.categories ?? [];
  const categories = [];
  compiled.categories.forEach(({ id, rule }, i) => {
    const detected = hitFiles[i].length > 0;
    const isDeclared = declaredIds.includes(id);
    if (!detected && !isDeclared) return;
    categories.push({
      id,
      label: rule.label,
      points: rule.points,
      highRisk: rule.highRisk,
      source: !detected ? 'declared' : onlyFallback[i] ? 'fallback' : 'detected',
      declared: isDeclared,
      files: hitFiles[i],
    });
  });
  return { categories, files, hitFiles };
}

/** `{ additions, deletions }` over a change's files. */
export function lineTotals(changeFiles) {
  let additions = 0;
  let deletions = 0;
  for (const f of changeFiles) {
    additions += f.additions ?? 0;
    deletions += f.deletions ?? 0;
  }
  return { additions, deletions };
}

/** The release entry's penalty: ceil(pct% of the score). */
const penaltyOf = (score, pct) => Math.ceil((score * pct) / 100);

function addBusinessDays(isoDate, days) {
  const d = new Date(`${isoDate}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}

function requiredRoles(rules, customerImpacting) {
  const roles = [...rules.requiredRoles];
  if (customerImpacting) for (const r of rules.customerImpactingRoles) if (!roles.includes(r)) roles.push(r);
  return roles;
}

function exceptionProblems(ex, rules, customerImpacting) {
  const problems = [];
  if (!Object.hasOwn(rules.reasons, ex.reason)) {
    problems.push(`reason '${ex.reason}' is not an accepted break-glass reason (${Object.keys(rules.reasons).join(', ')})`);
  }
  if ((ex.rationale ?? '').trim() === '') problems.push('a recorded rationale is required');
  const approvers = ex.approvers ?? [];
  approvers.forEach((a, i) => {
    if (a.name.trim() === '') problems.push(`approver ${i + 1} has no name`);
  });
  for (const role of requiredRoles(rules, customerImpacting)) {
    if (!approvers.some((a) => a.role === role && a.name.trim() !== '')) {
      problems.push(`a named approver with role '${role}' is required`);
    }
  }
  return problems;
}

const UNSUPPORTED = ['policy', 'ledger', 'errorBudget', 'readiness', 'pipeline', 'prerequisites'];

/** The decision object for a parsed request (seed 000 sections of the engine's decision). */
export function decide(compiled, request) {
  const policy = compiled.policy;
  for (const key of UNSUPPORTED) {
    if (request[key] !== undefined && !(key === 'policy' && request.policy && Object.keys(request.policy).length === 0)) {
      throw new Error(`plain.mjs: request.${key} is not ported to plain JavaScript`);
    }
  }
  const service = request.service;
  const change = request.change;
  const ctx = request.context ?? {};
  const tier = policy.tiers[String(service.tier)];
  if (!tier) throw new Error(`service.tier: tier ${service.tier} is not defined by the policy`);
  const releaseType = change.releaseType ?? 'feature';
  const customerImpacting = change.customerImpacting ?? false;
  const mitigations = change.mitigations ?? [];
  const changeFiles = change.files ?? [];

  // Classification.
  const { categories, files } = classifyChange(compiled, change);
  const categoryIds = categories.map((c) => c.id);

  // Score.
  const contributions = [{
    kind: 'base',
    id: `tier_${service.tier}`,
    points: tier.base,
    label: tier.label,
    evidence: [`service ${service.name} is tier ${service.tier}`],
  }];
  for (const hit of categories) {
    contributions.push({
      kind: 'diff',
      id: hit.id,
      points: hit.points,
      label: hit.label,
      evidence: hit.files.length === 0 ? ['declared in change.categories'] : [...hit.files],
    });
  }
  const rules = policy.context;
  const context = (id, rule, evidence) => ({ kind: 'context', id, points: rule.points, label: rule.label, evidence });
  const incident = [];
  if (ctx.activeIncident) incident.push('context.activeIncident');
  if (ctx.recentSev12) incident.push('context.recentSev12');
  if (incident.length) contributions.push(context('incident', rules.incident, incident));
  const ebPct = ctx.errorBudgetRemainingPct;
  if (ebPct != null && ebPct < rules.errorBudgetLow.belowPct) {
    contributions.push(context('error_budget_low', rules.errorBudgetLow, [`context.errorBudgetRemainingPct = ${ebPct}`]));
  }
  if (ctx.onCallLoadHigh) contributions.push(context('on_call_load_high', rules.onCallLoadHigh, ['context.onCallLoadHigh']));
  if (ctx.restrictedWindow) contributions.push(context('restricted_window', rules.restrictedWindow, ['context.restrictedWindow']));
  for (const [id, rule] of Object.entries(policy.mitigations)) {
    if (mitigations.includes(id)) {
      contributions.push({ kind: 'mitigation', id, points: -rule.points, label: rule.label, evidence: ['declared in change.mitigations'] });
    }
  }
  let raw = 0;
  for (const c of contributions) raw += c.points;
  const floor = policy.minimumScore;
  if (raw < floor) {
    contributions.push({
      kind: 'floor',
      id: 'minimum_score',
      points: floor - raw,
      label: `Minimum RRS floor: a change never scores below ${floor} RP`,
      evidence: [`raw score ${raw}`],
    });
  }
  const total = Math.max(raw, floor);

  // Budget before the change.
  const snapshot = request.budget ?? {};
  const allocated = snapshot.allocated ?? tier.monthlyBudget;
  const consumed = snapshot.consumed ?? 0;
  const exceptions = snapshot.exceptionsThisWindow ?? 0;
  const remainingBefore = allocated - consumed;
  const statusBefore = budgetStatus(remainingBefore, allocated, policy.budget);

  // Gate.
  const facts = { status: statusBefore, exceptions, categories: categoryIds, customerImpacting, releaseType };
  const [base, baseReason] = baseLevel(policy, total, categoryIds);
  let level = base;
  const adjustments = [];
  for (const m of policy.modifiers) {
    if (levelIndex(level) >= levelIndex(m.fromLevel) && holds(m.when, facts)) {
      const to = LEVELS[Math.min(4, levelIndex(level) + m.raise)];
      adjustments.push({
        from: level,
        to,
        reason: to === level ? `${m.reason} (already at ${level}, the highest level)` : m.reason,
        rule: m.id,
        explanation: m.explanation,
      });
      level = to;
    }
  }
  const requirements = policy.gates.requirements
    .filter((r) => levelIndex(r.level) <= levelIndex(level) && holds(r.when, facts))
    .map((r) => ({ id: r.id, text: r.text, level: r.level }))
    .sort((a, b) => levelIndex(a.level) - levelIndex(b.level));

  // Blockers.
  const blockers = [];
  const b = policy.blockers;
  const highRisk = categories.filter((c) => c.highRisk).map((c) => c.id);
  const blockerFacts = { highRisk, releaseType, activeIncident: ctx.activeIncident, errorBudgetPct: ebPct };
  const block = (code) => blockers.push({ code, message: blockerMessage(policy, code, blockerFacts), waived: false });
  if (b.budgetRedHighRisk && b.budgetRedHighRisk.budgetStatus.includes(statusBefore) && highRisk.length) block('budget_red_high_risk');
  if (b.budgetExhausted && b.budgetExhausted.budgetStatus.includes(statusBefore) && !b.budgetExhausted.allowedReleaseTypes.includes(releaseType)) {
    block('budget_exhausted');
  }
  if (b.incidentFreeze) {
    const degraded = ebPct != null && ebPct < b.incidentFreeze.errorBudgetBelowPct;
    if ((ctx.activeIncident || degraded) && b.incidentFreeze.blockedReleaseTypes.includes(releaseType)) block('incident_freeze');
  }

  // Break-glass.
  let penalty = 0;
  let exception = null;
  if (request.exception) {
    const ex = request.exception;
    const bg = policy.breakGlass;
    const problems = exceptionProblems(ex, bg, customerImpacting);
    const valid = problems.length === 0;
    const used = valid && blockers.length > 0;
    let followUpDue = null;
    if (used) {
      for (const blocker of blockers) blocker.waived = true;
      penalty = penaltyOf(total, bg.penaltyPct);
      if (request.now) followUpDue = addBusinessDays(request.now.slice(0, 10), bg.followUpBusinessDays);
    }
    exception = { reason: ex.reason, used, valid, penalty, followUpDue, problems, requiredRoles: requiredRoles(bg, customerImpacting) };
  }
  const verdict = blockers.every((x) => x.waived) ? 'go' : 'blocked';

  const charge = total + penalty;
  const remainingAfter = remainingBefore - charge;
  const { additions, deletions } = lineTotals(changeFiles);
  return {
    score: { total, contributions },
    categories,
    gate: { level, baseLevel: base, baseReason, adjustments, requirements },
    budget: {
      allocated,
      consumedBefore: consumed,
      remainingBefore,
      remainingPctBefore: roundPct(remainingPct(remainingBefore, allocated)),
      statusBefore,
      charge,
      penalty,
      remainingAfter,
      remainingPctAfter: roundPct(remainingPct(remainingAfter, allocated)),
      statusAfter: budgetStatus(remainingAfter, allocated, policy.budget),
      exceptionsThisWindow: exceptions,
    },
    verdict,
    blockers,
    exception,
    service: { name: service.name, tier: service.tier, tierLabel: tier.label },
    change: {
      id: change.id,
      title: change.title ?? null,
      releaseType,
      customerImpacting,
      fileCount: changeFiles.length,
      additions,
      deletions,
    },
    files,
    policy: { name: policy.name, version: policy.version },
  };
}

/** Text in, text out, like `evaluateJson`: parse the request, decide, serialize (pretty, as the engine). */
export function decideJson(compiled, text) {
  return JSON.stringify(decide(compiled, JSON.parse(text)), null, 2);
}
