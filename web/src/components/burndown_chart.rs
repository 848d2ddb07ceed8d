use leptos::prelude::*;
use riskgate::ledger::Status;

const W: f64 = 640.0;
const H: f64 = 280.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;

/// The window's burn-down as inline SVG: remaining risk points per day, the ideal line,
/// the yellow and red thresholds, and the trend projected to the depletion date.
#[component]
pub fn BurndownChart(status: Status, yellow_pct: f64, red_pct: f64) -> impl IntoView {
    let allocated = status.allocated as f64;
    let days = status.window.days.max(1.0);
    let lowest = status
        .burn_down
        .points
        .iter()
        .map(|p| p.remaining as f64)
        .fold(0.0_f64, f64::min);
    let highest = status
        .burn_down
        .points
        .iter()
        .map(|p| p.remaining as f64)
        .fold(allocated.max(1.0), f64::max);
    let x = move |day: f64| LEFT + (day.clamp(0.0, days) / days) * (W - LEFT - RIGHT);
    let y = move |rp: f64| {
        TOP + (highest - rp.clamp(lowest, highest)) / (highest - lowest).max(1.0)
            * (H - TOP - BOTTOM)
    };
    let mut actual = format!("{:.1},{:.1}", x(0.0), y(allocated));
    for p in &status.burn_down.points {
        let day = if p.day as f64 > status.window.elapsed_days {
            status.window.elapsed_days
        } else {
            f64::from(p.day)
        };
        actual.push_str(&format!(" {:.1},{:.1}", x(day), y(p.remaining as f64)));
    }
    let elapsed = status.window.elapsed_days;
    // consumed(day) = intercept + slope × day, so remaining(day) = allocated − consumed(day).
    let trend = (status.trend.slope_per_day > 0.0).then(|| {
        let at = |day: f64| allocated - (status.trend.intercept + status.trend.slope_per_day * day);
        let end_day = ((allocated - status.trend.intercept) / status.trend.slope_per_day)
            .clamp(elapsed, days);
        (
            x(elapsed),
            y(at(elapsed)),
            x(end_day),
            y(at(end_day)),
            end_day < days,
        )
    });
    let yellow = allocated * yellow_pct / 100.0;
    let red = allocated * red_pct / 100.0;
    let depletion_text = match &status.projected_depletion {
        Some(date) => format!("projected depletion {date}"),
        None => String::from("no projected depletion"),
    };
    let summary = format!(
        "Burn-down of the {} window: {} of {} RP remain after {:.1} of {:.0} days; {}. Yellow below {} RP, red below {} RP.",
        status.window.kind.as_str(),
        status.remaining,
        status.allocated,
        elapsed,
        days,
        depletion_text,
        yellow.round(),
        red.round(),
    );
    let start = status.window.start.date_naive().to_string();
    let end = status.window.end.date_naive().to_string();
    view! {
        <figure class="chart" data-testid="burndown-chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=summary.clone()>
                <title>{summary.clone()}</title>
                <line class="axis" x1=LEFT y1=TOP x2=LEFT y2=H - BOTTOM></line>
                <line class="axis" x1=LEFT y1=y(0.0) x2=W - RIGHT y2=y(0.0)></line>
                <line class="band yellow" x1=LEFT y1=y(yellow) x2=W - RIGHT y2=y(yellow) data-testid="threshold-yellow"></line>
                <text class="label" x=W - RIGHT y=y(yellow) - 4.0 text-anchor="end">{format!("yellow < {yellow_pct}%")}</text>
                <line class="band red" x1=LEFT y1=y(red) x2=W - RIGHT y2=y(red) data-testid="threshold-red"></line>
                <text class="label" x=W - RIGHT y=y(red) - 4.0 text-anchor="end">{format!("red < {red_pct}%")}</text>
                <line class="ideal" x1=x(0.0) y1=y(allocated) x2=x(days) y2=y(0.0)></line>
                <polyline class="actual" points=actual data-testid="burndown-line"></polyline>
                {trend
                    .map(|(x1, y1, x2, y2, depletes)| {
                        view! {
                            <line class="trend" x1=x1 y1=y1 x2=x2 y2=y2 data-testid="burndown-trend"></line>
                            {depletes
                                .then(|| {
                                    view! {
                                        <circle class="depletion" cx=x2 cy=y2 r="5"></circle>
                                        <text class="label" x=x2 - 6.0 y=y2 - 8.0 text-anchor="end">
                                            {depletion_text.clone()}
                                        </text>
                                    }
                                })}
                        }
                    })}
                <text class="label" x=LEFT - 6.0 y=y(allocated) + 4.0 text-anchor="end">{format!("{allocated}")}</text>
                <text class="label" x=LEFT - 6.0 y=y(0.0) + 4.0 text-anchor="end">"0"</text>
                <text class="label" x=LEFT y=H - 12.0>{start}</text>
                <text class="label" x=W - RIGHT y=H - 12.0 text-anchor="end">{end}</text>
            </svg>
            <figcaption>
                <span class="key actual-key">"━ remaining"</span>
                <span class="key ideal-key">"┄ ideal"</span>
                <span class="key trend-key">"╌ trend"</span>
                " "
                {summary}
            </figcaption>
        </figure>
    }
}
