// The self-hosted GraphiQL (vendored React and GraphiQL; nothing from a CDN). The API key,
// when the server needs one, is the workspace's (sessionStorage) or typed in the bar above.
(function () {
  const KEY = "duegraph.apiKey";
  const bar = document.getElementById("key-bar");
  const form = document.getElementById("key-form");
  const input = document.getElementById("api-key");
  const message = document.getElementById("key-message");

  function headers() {
    const key = sessionStorage.getItem(KEY);
    return key ? { Authorization: "Bearer " + key } : {};
  }

  async function fetcher(params, opts) {
    const response = await fetch("/graphql", {
      method: "POST",
      headers: Object.assign({ "Content-Type": "application/json", Accept: "application/json" }, headers(), (opts && opts.headers) || {}),
      body: JSON.stringify(params),
    });
    if (response.status === 401) {
      bar.hidden = false;
      message.textContent = "An API key is required.";
    }
    return response.json();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    sessionStorage.setItem(KEY, input.value.trim());
    location.reload();
  });

  fetch("/api/session", { headers: headers() })
    .then((r) => r.json())
    .then((info) => {
      if (info.keysRequired && !info.role) {
        bar.hidden = false;
        message.textContent = sessionStorage.getItem(KEY) ? "That key is not valid." : "This server needs an API key.";
      }
      const root = ReactDOM.createRoot(document.getElementById("graphiql"));
      root.render(
        React.createElement(GraphiQL, {
          fetcher: fetcher,
          defaultEditorToolsVisibility: true,
          defaultQuery: '# Examples: README.md, "What you can ask"\n{\n  search(text: "oriel united", first: 3) { totalCount nodes { id name kind } }\n}\n',
        }),
      );
    });
})();
