// `npm run dev` stopped with SIGTERM (an editor, a process manager) stops the preview server too: nothing is left
// listening on its port.
import {test} from "node:test";
import assert from "node:assert/strict";
import {spawn} from "node:child_process";
import {createConnection} from "node:net";

const PORT = 3197;
const listening = () =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({host: "127.0.0.1", port: PORT});
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("SIGTERM to npm run dev stops the preview server", async () => {
  const npm = spawn("npm", ["run", "-s", "dev", "--", "--no-open", "--port", String(PORT)], {stdio: "ignore"});
  const exited = new Promise((r) => npm.on("exit", r));
  let up = false;
  for (let i = 0; i < 240 && !up; i++) (await sleep(250), (up = await listening()));
  assert.ok(up, "the preview server came up");
  npm.kill("SIGTERM");
  await exited;
  let down = false;
  for (let i = 0; i < 40 && !down; i++) (await sleep(250), (down = !(await listening())));
  assert.ok(down, `nothing listens on port ${PORT} after npm exited`);
});
