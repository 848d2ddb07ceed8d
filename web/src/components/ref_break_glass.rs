use crate::describe;
use leptos::prelude::*;
use riskgate::Policy;

/// The break-glass exception rules.
#[component]
pub fn RefBreakGlass(policy: Policy) -> impl IntoView {
    let b = policy.break_glass;
    view! {
        <table data-testid="ref-break-glass">
            <caption>"Break-glass exceptions"</caption>
            <tbody>
                <tr>
                    <th scope="row">"Accepted reasons"</th>
                    <td>
                        <ul>
                            {b
                                .reasons
                                .into_iter()
                                .map(|(id, text)| view! { <li><code>{id}</code> ": " {text}</li> })
                                .collect_view()}
                        </ul>
                    </td>
                </tr>
                <tr><th scope="row">"Required approver roles"</th><td>{describe::list(&b.required_roles)}</td></tr>
                <tr><th scope="row">"Also when customer-impacting"</th><td>{describe::list(&b.customer_impacting_roles)}</td></tr>
                <tr><th scope="row">"Budget penalty"</th><td>{format!("{}% of the RRS, rounded up, added to the charge", b.penalty_pct)}</td></tr>
                <tr><th scope="row">"Follow-up review"</th><td>{format!("{} business days (Monday to Friday) after the evaluation", b.follow_up_business_days)}</td></tr>
                <tr><th scope="row">"Rationale"</th><td>"required, with named approvers; a valid exception that waives one blocker waives them all"</td></tr>
            </tbody>
        </table>
    }
}
