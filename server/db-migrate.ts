/** `npm run db:migrate`: apply the committed migrations to DATABASE_URL, or to the embedded database. */
import { databaseHandle } from "./database";

async function main() {
  const handle = await databaseHandle();
  await handle.migrate();
  console.log(`Migrations applied (${handle.driver}).`);
  await handle.close();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
