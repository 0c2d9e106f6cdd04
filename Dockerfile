# Boxoffice API and worker image (the same image runs both; see docker-compose.yml).
FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY . .

USER node
EXPOSE 4000
# node itself, not npm/npx: SIGTERM must reach the server so it drains and exits 0.
CMD ["node", "--import", "tsx", "src/main.ts"]
