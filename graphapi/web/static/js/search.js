// Search as you type: companies and persons in two groups, by name (any accent or legal
// form) or by registry number (any format); arrow keys move, Enter opens, Escape closes.
// One GraphQL request per pause in typing; a newer request aborts the older one.

import { gql } from "./api.js";
import { debounce, fill, h, route } from "./dom.js";

const COMPANY_FIELDS = "id name kind ... on Company { status jurisdiction incorporatedOn identifiers { scheme value } }";
const PERSON_FIELDS = "id name kind ... on Person { birthYearMonth nationality }";
const QUERY = `query Search($text: String!) {
  companies: search(text: $text, kind: COMPANY, first: 8) { totalCount edges { matchedIdentifier node { ${COMPANY_FIELDS} } } }
  persons: search(text: $text, kind: PERSON, first: 8) { totalCount edges { node { ${PERSON_FIELDS} } } }
}`;
// An org-id as registries print it ("GB-COH-01234567", "BE-BCE_KBO 0403.170.701"): `search`
// reads bare numbers, so the scheme and number are also looked up directly, in the same request.
const ORG_ID = /^([A-Za-z]{2}-[A-Za-z0-9_]+)[-\s:]+(\S.*)$/;
const QUERY_ORG_ID = `query SearchOrgId($text: String!, $scheme: String!, $value: String!) {
  byIdentifier: companyByIdentifier(scheme: $scheme, value: $value) { ${COMPANY_FIELDS} }
  companies: search(text: $value, kind: COMPANY, first: 8) { totalCount edges { matchedIdentifier node { ${COMPANY_FIELDS} } } }
  persons: search(text: $text, kind: PERSON, first: 8) { totalCount edges { node { ${PERSON_FIELDS} } } }
}`;

export function searchBox(container, { onPick, kinds = ["COMPANY", "PERSON"], placeholder, id = "search" } = {}) {
  const inputId = `${id}-input`;
  const listId = `${id}-results`;
  const input = h("input", {
    id: inputId,
    type: "search",
    role: "combobox",
    autocomplete: "off",
    spellcheck: "false",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": listId,
    placeholder: placeholder || "Search a company or person: name or registry number  ( / )",
  });
  const label = h("label", { for: inputId, class: "visually-hidden" }, "Search companies and persons");
  const list = h("div", { id: listId, class: "results", role: "listbox", "aria-label": "Search results", hidden: true });
  const status = h("div", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  container.append(label, input, list, status);

  let options = [];
  let active = -1;
  let controller = null;
  let lastText = "";

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function setActive(i) {
    options.forEach((o, j) => o.setAttribute("aria-selected", String(j === i)));
    active = i;
    if (i >= 0 && options[i]) {
      input.setAttribute("aria-activedescendant", options[i].id);
      options[i].scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  }

  function pick(option) {
    close();
    input.value = "";
    onPick(option.dataset.href, option.dataset);
  }

  function group(title, total, edges, kind) {
    if (!kinds.includes(kind)) return [];
    const heading = h("div", { class: "group-title", role: "presentation" }, `${title} — ${total} match${total === 1 ? "" : "es"}`);
    if (!edges.length) return [heading, h("div", { class: "muted empty", role: "presentation" }, "none")];
    return [
      heading,
      edges.map(({ node, matchedIdentifier }) => {
        const detail =
          kind === "COMPANY"
            ? [node.identifiers?.[0] ? `${node.identifiers[0].scheme} ${node.identifiers[0].value}` : node.id, node.status, node.jurisdiction, node.incorporatedOn && `inc. ${node.incorporatedOn}`]
            : [node.birthYearMonth && `born ${node.birthYearMonth}`, node.nationality];
        const option = h(
          "div",
          { role: "option", id: `${id}-opt-${options.length}`, class: `option ${kind.toLowerCase()}`, "aria-selected": "false", dataset: { href: route(kind, node.id), id: node.id, kind, name: node.name || node.id } },
          h("span", { class: "kind-tag" }, kind === "COMPANY" ? "Company" : "Person"),
          h("span", { class: "name" }, node.name || node.id),
          matchedIdentifier ? h("span", { class: "tag" }, "registry number") : null,
          h("span", { class: "detail" }, detail.filter(Boolean).join(" · ")),
        );
        option.addEventListener("mousedown", (e) => e.preventDefault());
        option.addEventListener("click", () => pick(option));
        options.push(option);
        return option;
      }),
    ];
  }

  async function run() {
    const text = input.value.trim();
    if (text === lastText) return;
    lastText = text;
    if (controller) controller.abort();
    if (text.length < 2) {
      close();
      return;
    }
    controller = new AbortController();
    try {
      const org = text.match(ORG_ID);
      const data = org
        ? await gql(QUERY_ORG_ID, { text, scheme: org[1].toUpperCase(), value: org[2] }, { signal: controller.signal })
        : await gql(QUERY, { text }, { signal: controller.signal });
      if (data.byIdentifier && !data.companies.edges.some((e) => e.node.id === data.byIdentifier.id)) {
        data.companies.edges.unshift({ matchedIdentifier: true, node: data.byIdentifier });
        data.companies.totalCount += 1;
      }
      options = [];
      fill(list, group("Companies", data.companies.totalCount, data.companies.edges, "COMPANY"), group("Persons", data.persons.totalCount, data.persons.edges, "PERSON"));
      list.hidden = false;
      list.dataset.query = text; // which text these results answer (tests wait on it)
      input.setAttribute("aria-expanded", "true");
      setActive(options.length ? 0 : -1);
      status.textContent = `${options.length} results`;
    } catch (err) {
      if (err.name === "AbortError") return;
      options = [];
      fill(list, h("div", { class: "error" }, err.message));
      list.hidden = false;
    }
  }

  const later = debounce(run, 180);
  input.addEventListener("input", later);
  input.addEventListener("focus", () => {
    if (options.length && input.value.trim()) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 120));
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (list.hidden && options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
      if (!options.length) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((active + step + options.length) % options.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (input.value.trim() !== lastText) {
        run().then(() => options[0] && pick(options[active >= 0 ? active : 0]));
      } else if (options[active >= 0 ? active : 0]) pick(options[active >= 0 ? active : 0]);
    } else if (event.key === "Escape") {
      close();
    }
  });
  return { input, focus: () => input.focus() };
}
