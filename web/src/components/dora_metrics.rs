use leptos::prelude::*;
use riskgate::ledger::Status;

fn pct(value: Option<f64>) -> String {
    value.map_or_else(|| String::from("n/a"), |v| format!("{:.1}%", v * 100.0))
}

fn minutes(value: Option<f64>) -> String {
    value.map_or_else(|| String::from("n/a"), |v| format!("{v:.0} min"))
}

/// The window's delivery metrics (seed section 8): deploy frequency, change failure rate,
/// time to restore, incidents, gate compliance, diff size and rollbacks.
#[component]
pub fn DoraMetrics(status: Status) -> impl IntoView {
    let m = status.metrics;
    let meets = match m.mttr.meets_targets {
        Some(true) => " (meets the MTTR targets)",
        Some(false) => " (misses the MTTR targets)",
        None => "",
    };
    let incidents = status
        .incidents
        .lookback
        .iter()
        .map(|c| format!("{} days: {} Sev1, {} Sev2", c.days, c.sev1, c.sev2))
        .collect::<Vec<_>>()
        .join("; ");
    let rows = vec![
        (
            "Deploy frequency",
            format!(
                "{:.2} per day, {:.1} per week ({} releases)",
                m.deploy_frequency.per_day, m.deploy_frequency.per_week, m.releases
            ),
        ),
        (
            "Change failure rate",
            format!(
                "{} ({} failed)",
                pct(m.change_failure_rate),
                m.failed_releases
            ),
        ),
        (
            "Mean time to restore",
            format!(
                "{}{meets} over {} incident(s)",
                minutes(m.mttr.mean_minutes),
                m.mttr.incidents
            ),
        ),
        (
            "Sev1/Sev2 incidents",
            if incidents.is_empty() {
                String::from("none")
            } else {
                incidents
            },
        ),
        (
            "Gate compliance",
            format!(
                "{} of releases without a waiver ({} waived)",
                pct(m.gate_compliance.compliance_rate),
                m.gate_compliance.waived
            ),
        ),
        (
            "Diff size",
            format!(
                "mean {} lines, largest {} lines",
                m.diff_size
                    .mean_lines
                    .map_or_else(|| String::from("n/a"), |v| format!("{v:.0}")),
                m.diff_size.max_lines
            ),
        ),
        (
            "Rollbacks",
            format!(
                "{} ({}), time to roll back {}",
                m.rollbacks.count,
                pct(m.rollbacks.rate),
                minutes(m.rollbacks.mean_minutes_to_rollback)
            ),
        ),
    ];
    view! {
        <table class="metrics" data-testid="dora-metrics">
            <caption>"Delivery metrics of this window"</caption>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(name, value)| {
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td>{value}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
