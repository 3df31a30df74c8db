// Dialogs: the one action dialog (confirmations, reasons, notes, numbers) and the crisis
// lines. Every user-written string goes in with textContent, never as HTML.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "className") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

const actionDialog = document.getElementById("action-dialog");
let fieldCounter = 0;

// Ask before an action. `fields` are [{name, label, kind: "textarea"|"number", min, max,
// value, required}]. Resolves to the field values, or null when cancelled.
export function ask({ title, text = "", fields = [], confirm = "Confirm" }) {
  const heading = document.getElementById("action-heading");
  const body = document.getElementById("action-text");
  const holder = document.getElementById("action-fields");
  const button = document.getElementById("action-confirm");
  heading.textContent = title;
  body.textContent = text;
  body.hidden = !text;
  button.textContent = confirm;
  const inputs = fields.map((field) => {
    fieldCounter += 1;
    const id = "action-field-" + fieldCounter;
    const input = field.kind === "textarea"
      ? el("textarea", { id, rows: 3, maxlength: field.max || 2000 })
      : el("input", { id, type: "number", min: field.min, max: field.max, inputmode: "numeric" });
    if (field.value !== undefined) input.value = String(field.value);
    if (field.required) input.required = true;
    holder.append(el("label", { for: id, text: field.label }), input);
    return [field.name, input];
  });
  const opener = document.activeElement;
  return new Promise((resolve) => {
    actionDialog.addEventListener("close", function onClose() {
      actionDialog.removeEventListener("close", onClose);
      const confirmed = actionDialog.returnValue === "confirm";
      const values = {};
      for (const [name, input] of inputs) values[name] = input.value;
      holder.replaceChildren();
      if (opener && document.contains(opener)) opener.focus();
      resolve(confirmed ? values : null);
    });
    actionDialog.returnValue = "";
    actionDialog.showModal();
    (inputs.length ? inputs[0][1] : button).focus();
  });
}

// One crisis line: name, then tap-to-call, tap-to-text and the website, then the hours.
export function crisisLine(resource) {
  const item = el("li", {}, el("strong", { text: resource.name }));
  const parts = [];
  // The server makes the tel: and sms: links (moderation/selectors.py), for every page.
  if (resource.tel_href) parts.push(el("a", { href: resource.tel_href, text: "Call " + resource.phone }));
  if (resource.sms_href) {
    parts.push(el("a", { href: resource.sms_href, text: resource.text.charAt(0).toUpperCase() + resource.text.slice(1) }));
  } else if (resource.text) {
    parts.push(document.createTextNode(resource.text));
  }
  if (resource.url && /^https?:\/\//i.test(resource.url)) {
    parts.push(el("a", { href: resource.url, rel: "noopener", target: "_blank", text: "Website" }));
  }
  if (resource.hours) parts.push(document.createTextNode(resource.hours));
  for (const part of parts) item.append(" · ", part);
  return item;
}

const HELP_INTRO = "If you are in danger right now, call your local emergency number.";
const CARD_INTRO = "It sounds like things are really hard right now. You don't have to go " +
  "through this alone: these lines are free and confidential. If you are in danger right " +
  "now, call your local emergency number.";

export class HelpDialog {
  constructor({ button, dialog, resources }) {
    this.dialog = dialog;
    this.intro = dialog.querySelector("#help-intro");
    this.lines = dialog.querySelector("#help-lines");
    this.resources = resources;
    this.render(resources, HELP_INTRO);
    button.addEventListener("click", () => {
      // "Get help now" always shows the full list with the plain introduction.
      this.render(this.resources, HELP_INTRO);
      this.open();
    });
  }

  render(resources, intro) {
    this.intro.textContent = intro;
    this.lines.replaceChildren(...resources.map(crisisLine));
  }

  open() {
    if (!this.dialog.open) this.dialog.showModal();
  }

  // The crisis card, sent to this member alone: the same links, a warmer introduction.
  showCard(resources, note) {
    if (resources && resources.length) this.resources = resources;
    this.render(this.resources, note || CARD_INTRO);
    this.open();
  }
}
