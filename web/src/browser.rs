//! Thin wrappers over the browser APIs the worksheet uses. Every failure is returned as
//! text for the status line; nothing here panics when an API is missing.

use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Largest file the worksheet imports (request, policy or ledger), in bytes.
pub const MAX_IMPORT_BYTES: f64 = 8.0 * 1024.0 * 1024.0;

/// The `submit` handler of the small form around each input: never submits. Each text
/// field and select sits in a form of its own because Chromium's autofill, after every
/// typed character or chosen option, collects and lays out every control of the form
/// the control belongs to, and controls outside any form count as one form: the whole
/// worksheet (about 3 ms per keystroke, more than the recompute itself).
pub fn no_submit(ev: web_sys::SubmitEvent) {
    ev.prevent_default();
}

fn js_error(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| String::from("the browser refused the operation"))
}

fn window() -> Result<web_sys::Window, String> {
    web_sys::window().ok_or_else(|| String::from("no browser window"))
}

fn storage() -> Result<web_sys::Storage, String> {
    window()?
        .local_storage()
        .map_err(|e| js_error(&e))?
        .ok_or_else(|| String::from("this browser keeps no local storage here"))
}

/// The value stored under `key` in localStorage.
pub fn load(key: &str) -> Option<String> {
    storage().ok()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key` in localStorage.
pub fn save(key: &str, value: &str) -> Result<(), String> {
    storage()?.set_item(key, value).map_err(|e| js_error(&e))
}

/// Removes `key` from localStorage.
pub fn forget(key: &str) {
    if let Ok(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Whether the URL fragment may hold a share link: every read and write of it here says
/// so, and the address bar changes it only with a `hashchange`, whose handler reads it.
static FRAGMENT_SHARES: AtomicBool = AtomicBool::new(true);

fn note_fragment(fragment: &str) {
    let shares = riskgate::share::fragment_value(fragment).is_some();
    FRAGMENT_SHARES.store(shares, Ordering::Relaxed);
}

/// The URL fragment, without `#`.
pub fn fragment() -> String {
    let fragment = window()
        .ok()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_owned())
        .unwrap_or_default();
    note_fragment(&fragment);
    fragment
}

/// Whether the URL fragment held a share link when last read or written (when it did
/// not, a page name like `#worksheet` or nothing, there is no need to read it again).
pub fn fragment_may_share() -> bool {
    FRAGMENT_SHARES.load(Ordering::Relaxed)
}

/// The page URL without its fragment.
pub fn page_url() -> String {
    let href = window()
        .ok()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    match href.split_once('#') {
        Some((base, _)) => base.to_owned(),
        None => href,
    }
}

/// Replaces the URL fragment without adding a history entry or reloading.
pub fn replace_fragment(fragment: &str) {
    let Ok(w) = window() else { return };
    note_fragment(fragment);
    let url = if fragment.is_empty() {
        page_url()
    } else {
        format!("{}#{fragment}", page_url())
    };
    if let Ok(history) = w.history()
        && history
            .replace_state_with_url(&JsValue::NULL, "", Some(&url))
            .is_ok()
    {
        return;
    }
    let _ = w.location().set_hash(fragment);
}

/// The current instant as RFC 3339 UTC, to the second (`2026-11-20T12:00:00Z`).
pub fn now_iso() -> String {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    match iso.split_once('.') {
        Some((head, _)) => format!("{head}Z"),
        None => iso,
    }
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let w = window()?;
    let document = w.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| js_error(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| js_error(&e))?;
    let anchor = document
        .create_element("a")
        .map_err(|e| js_error(&e))?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| String::from("cannot create a link"))?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// Copies `text` to the clipboard.
pub async fn copy(text: &str) -> Result<(), String> {
    let clipboard = window()?.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|e| js_error(&e))
}

/// Copies the current selection with the legacy command (the fallback of [`copy`]).
pub fn copy_selection() -> Result<(), String> {
    let document = window()?
        .document()
        .ok_or("no document")?
        .dyn_into::<web_sys::HtmlDocument>()
        .map_err(|_| String::from("not an HTML document"))?;
    match document.exec_command("copy") {
        Ok(true) => Ok(()),
        Ok(false) => Err(String::from("the browser did not copy")),
        Err(e) => Err(js_error(&e)),
    }
}

/// Opens the browser's print dialog.
pub fn print() -> Result<(), String> {
    window()?.print().map_err(|e| js_error(&e))
}

/// The first file chosen in a file input, as (name, text).
pub async fn read_chosen_file(
    input: &web_sys::HtmlInputElement,
) -> Result<Option<(String, String)>, String> {
    let Some(file) = input.files().and_then(|list| list.get(0)) else {
        return Ok(None);
    };
    if file.size() > MAX_IMPORT_BYTES {
        return Err(format!(
            "{} is {:.1} MB; the worksheet imports files up to {:.0} MB",
            file.name(),
            file.size() / 1_048_576.0,
            MAX_IMPORT_BYTES / 1_048_576.0
        ));
    }
    let text = JsFuture::from(file.text())
        .await
        .map_err(|e| js_error(&e))?;
    let text = text
        .as_string()
        .ok_or_else(|| format!("{} is not a text file", file.name()))?;
    Ok(Some((file.name(), text)))
}

/// Records a performance mark (the end-to-end tests read `riskgate:first-score`).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}
