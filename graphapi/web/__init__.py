"""The investigation workspace: a static browser app on the GraphQL API, served at `/`.

`routes.web_routes` mounts the pages, the vendored libraries and two small endpoints the
GraphQL API has no shape for (the HTML report and the portfolio screening upload);
`routes.WebMiddleware` sends browsers asking `GET /graphql` to the self-hosted GraphiQL.
"""
