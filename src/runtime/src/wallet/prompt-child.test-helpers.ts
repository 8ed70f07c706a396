// Child process for password.pty.test.ts: prompts once on the terminal, then reports what it read.
import { promptPassword } from "./password.js";

const password = await promptPassword("Password: ");
process.stdout.write(`got:[${password}]\n`);
