# The duegraph API image used by docker-compose.yml (Neo4j runs in its own container there).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph_schema ./graph_schema
COPY loaders ./loaders
COPY graphapi ./graphapi
RUN pip install --no-cache-dir . && useradd --system duegraph
USER duegraph
EXPOSE 8000
CMD ["duegraph", "serve"]
