import { z } from "zod";
import { emailSchema, passwordSchema } from "../accounts/schema";
import { setPassword } from "../accounts/set-password";
import { cliActor } from "../scope";
import { defineCommand } from "./command";

export const userSetPassword = defineCommand({
  name: "user:set-password",
  summary: "Set a user's password",
  usage: "--email EMAIL --password PASSWORD",
  flags: z.object({ email: emailSchema, password: passwordSchema }),
  async run(db, flags) {
    const user = await setPassword(db, cliActor(), flags);
    return { json: { userId: user.id, email: user.email }, text: `Password set for ${user.email}` };
  },
});
