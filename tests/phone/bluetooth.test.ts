// The PWA's Web Bluetooth transport against Chromium's own Bluetooth emulation (the DevTools
// protocol's BluetoothEmulation domain on the browser target, DeviceAccess on the page for the
// chooser): a simulated Bangle.js advertising the Nordic UART service, with RX (write) and TX
// (notify, with its CCCD). Covered: the chooser picks it, GATT connection, service discovery, the
// app subscribes to TX notifications, and the sync client's first request reaches RX as writes of
// at most 20 bytes, each with response, whose bytes are exactly the request; when the link drops
// the app sees it, connects again, clears the watch's input line (Ctrl-C) and asks again.
// Not covered: notifications from the peripheral to the page. Chromium 156's BluetoothEmulation
// has no command that sends one (a read response is delivered only to a pending readValue), so
// nothing the watch prints reaches the app this way; the sync itself is tested over the bridge to
// the real firmware (sync.test.ts). Linux Chromium exposes Web Bluetooth only with
// --enable-experimental-web-platform-features, so this browser is launched with it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type CDPSession } from "playwright-core";
import { CHROMIUM } from "../browser/chromium";
import { phoneServer, openPhone, type PhoneServer } from "./harness";
import { NUS_SERVICE, NUS_RX, NUS_TX } from "../../src/phone/ble";
import { listSnippet } from "../../src/sync/snippets";
import { FIRST_MS } from "../../src/sync/limits";

const CCCD = "00002902-0000-1000-8000-00805f9b34fb";
const ADDR = "0C:0F:FE:E0:0B:1E";
const NAME = "Bangle.js 0b1e";

let browser: Browser;
let srv: PhoneServer;

beforeAll(async () => {
  srv = await phoneServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--enable-experimental-web-platform-features"],
  });
});
afterAll(async () => {
  await browser?.close();
  await srv?.stop();
});

interface Op {
  kind: "gatt" | "char" | "desc";
  type: string;
  id?: string;
  data?: string;
  writeType?: string;
  /** Date.now() when it arrived */
  at: number;
}

/** the NUS service on the simulated watch: RX (write) and TX (notify, with its CCCD); the ids */
async function addNus(bt: CDPSession): Promise<{ rx: string; tx: string }> {
  const { serviceId } = await bt.send("BluetoothEmulation.addService", { address: ADDR, serviceUuid: NUS_SERVICE });
  const rx = (await bt.send("BluetoothEmulation.addCharacteristic", { serviceId, characteristicUuid: NUS_RX, properties: { write: true, writeWithoutResponse: true } })).characteristicId;
  const tx = (await bt.send("BluetoothEmulation.addCharacteristic", { serviceId, characteristicUuid: NUS_TX, properties: { notify: true } })).characteristicId;
  await bt.send("BluetoothEmulation.addDescriptor", { characteristicId: tx, descriptorUuid: CCCD });
  return { rx, tx };
}

/** a simulated Bangle.js: the NUS service, answering every GATT operation with success; what the page did, in order */
async function peripheral(bt: CDPSession): Promise<{ ops: Op[]; rx: string; tx: string }> {
  await bt.send("BluetoothEmulation.enable", { state: "powered-on", leSupported: true });
  await bt.send("BluetoothEmulation.simulatePreconnectedPeripheral", { address: ADDR, name: NAME, manufacturerData: [], knownServiceUuids: [NUS_SERVICE] });
  const { rx, tx } = await addNus(bt);
  const ops: Op[] = [];
  bt.on("BluetoothEmulation.gattOperationReceived", (e) => {
    ops.push({ kind: "gatt", type: e.type, at: Date.now() });
    void bt.send("BluetoothEmulation.simulateGATTOperationResponse", { address: e.address, type: e.type, code: 0 }).catch(() => {});
  });
  bt.on("BluetoothEmulation.characteristicOperationReceived", (e) => {
    ops.push({ kind: "char", type: e.type, id: e.characteristicId, data: e.data === undefined ? undefined : Buffer.from(e.data, "base64").toString("latin1"), writeType: e.writeType, at: Date.now() });
    void bt.send("BluetoothEmulation.simulateCharacteristicOperationResponse", { characteristicId: e.characteristicId, type: e.type, code: 0 }).catch(() => {});
  });
  bt.on("BluetoothEmulation.descriptorOperationReceived", (e) => {
    ops.push({ kind: "desc", type: e.type, id: e.descriptorId, at: Date.now() });
    void bt.send("BluetoothEmulation.simulateDescriptorOperationResponse", { descriptorId: e.descriptorId, type: e.type, code: 0 }).catch(() => {});
  });
  await advertise(bt);
  return { ops, rx, tx };
}

/** one advertising packet of the watch (every field given: a missing one crashes the fake central) */
function advertise(bt: CDPSession): Promise<unknown> {
  return bt.send("BluetoothEmulation.simulateAdvertisement", {
    entry: { deviceAddress: ADDR, rssi: -50, scanRecord: { name: NAME, uuids: [NUS_SERVICE], manufacturerData: [], appearance: 0, txPower: 0 } },
  }).catch(() => {});
}

/** the writes to RX from op index `from`, joined, once they hold a whole console line */
async function line(ops: Op[], rx: string, from: number): Promise<{ text: string; writes: Op[]; next: number }> {
  let writes: Op[] = [];
  await expect
    .poll(() => {
      writes = ops.slice(from).filter((o) => o.kind === "char" && o.type === "write" && o.id === rx);
      return writes.map((w) => w.data).join("").includes("\n");
    }, { timeout: 20_000 })
    .toBe(true);
  const text = writes.map((w) => w.data).join("");
  return { text, writes, next: ops.indexOf(writes[writes.length - 1]) + 1 };
}

describe("Web Bluetooth on Chromium's Bluetooth emulation", () => {
  it("the chooser, connection, discovery, TX subscription and the first request written to RX in 20-byte writes; after a drop it reconnects and asks again", async () => {
    const ctx = await browser.newContext();
    const errors: string[] = [];
    const page = await openPhone(ctx, srv.url + "phone/", errors);
    const bt = await browser.newBrowserCDPSession();
    const { ops, rx } = await peripheral(bt);
    const chooser = await ctx.newCDPSession(page);
    await chooser.send("DeviceAccess.enable");
    const prompts: { id: string; devices: { id: string }[] }[] = [];
    chooser.on("DeviceAccess.deviceRequestPrompted", (e) => {
      // the prompt is reported again as devices appear: answer it once, when the watch is listed
      if (prompts.some((p) => p.id === e.id)) return;
      if (!e.devices.some((d) => d.id === ADDR)) {
        void advertise(bt);
        return;
      }
      prompts.push(e);
      void chooser.send("DeviceAccess.selectPrompt", { id: e.id, deviceId: ADDR });
    });

    expect(await page.isEnabled("#t-ble")).toBe(true);
    await page.check("#t-ble");
    await page.click("#sync");

    const first = await line(ops, rx, 0);
    expect(prompts).toHaveLength(1);
    expect(prompts[0].devices.map((d) => d.id)).toContain(ADDR);
    // in order: connect, discover, subscribe to TX (its CCCD written, or the subscription itself), then writes
    const firstWrite = ops.indexOf(first.writes[0]);
    const before = ops.slice(0, firstWrite).map((o) => o.kind + ":" + o.type);
    expect(before.slice(0, 2)).toEqual(["gatt:connection", "gatt:discovery"]);
    expect(before).toContain("char:subscribe-to-notifications");
    // the request: the list snippet, byte for byte, in writes of at most 20 bytes, each acknowledged
    const id = Number(/^\x10\(function\(\)\{var S=require\("Storage"\),H=.*?P=function\(b\)\{b="(\d+),"/.exec(first.text)?.[1]);
    expect(id).toBeGreaterThan(0);
    expect(first.text).toBe(listSnippet(id));
    expect(first.writes.length).toBe(Math.ceil(first.text.length / 20));
    for (const w of first.writes) {
      expect(w.data!.length).toBeLessThanOrEqual(20);
      expect(w.writeType).toBe("write-with-response");
    }
    expect(await page.textContent("#sync-status")).toContain("Connecting to " + NAME);

    // the watch goes away: the app notices, connects again and starts the request over
    const mark = ops.length;
    const dropped = Date.now();
    await bt.send("BluetoothEmulation.simulateGATTDisconnection", { address: ADDR });
    // the simulated central forgets a device's services when it disconnects: the watch's are back
    // at the next discovery (the app waits 300 ms before it reconnects)
    const nus = await addNus(bt);
    const again = await line(ops, nus.rx, mark);
    const between = ops.slice(mark, ops.indexOf(again.writes[0])).map((o) => o.kind + ":" + o.type);
    expect(between).toContain("gatt:connection");
    // it heard of the drop (gattserverdisconnected), not just waited out the answer's timeout
    const reconnect = ops.slice(mark).find((o) => o.kind === "gatt" && o.type === "connection")!;
    expect(reconnect.at - dropped).toBeLessThan(FIRST_MS / 2);
    expect(again.text.startsWith("\x03")).toBe(true);
    const id2 = Number(/P=function\(b\)\{b="(\d+),"/.exec(again.text)?.[1]);
    expect(again.text).toBe("\x03" + listSnippet(id2));
    expect(id2).not.toBe(id);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 90_000);
});
