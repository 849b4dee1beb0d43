// Start page: where to begin, and what each part of the workspace does.

import { h } from "../dom.js";

export async function render(main) {
  document.title = "duegraph workspace";
  main.append(
    h(
      "div",
      { class: "home" },
      h("h1", {}, "Know who you do business with"),
      h("p", { class: "lead" }, "Type a company or person in the search box above: a name in any spelling or legal form (“oriel united”, “Société Exemple”), or a registry number in any format (“16202051”, “GB-COH-16202051”, “BE 0403.170.701”). Use the arrow keys and Enter to open a result; press / to jump to the search box."),
      h(
        "ul",
        { class: "cards" },
        h("li", { class: "card" }, h("h2", {}, "Company page"), h("p", {}, "Rating 1–5 with its reasons, every signal with its evidence and the registry record each fact comes from, directors over time, beneficial owners computed and declared, the group and the events. Change the “as of” date to see the company as it stood then.")),
        h("li", { class: "card" }, h("h2", {}, "Person page"), h("p", {}, "Mandates over time, other companies, bankruptcy history within a window, director bans, sanctions and PEP topics.")),
        h("li", { class: "card" }, h("h2", {}, "Network"), h("p", {}, "The neighbourhood of a company, person or address as a picture. Click a node to expand it; find the shortest connections between two entities; export the picture.")),
        h("li", { class: "card" }, h("h2", {}, h("a", { href: "#/watchlists" }, "Watchlists")), h("p", {}, "Keep a list of companies and see what changed since a date.")),
        h("li", { class: "card" }, h("h2", {}, h("a", { href: "#/screen" }, "Portfolio screening")), h("p", {}, "Upload a client list (CSV) and get a rating, the top signals and the beneficial-owner status for every client, with the reason for each row that could not be checked.")),
      ),
    ),
  );
  document.getElementById("search-input")?.focus();
}
