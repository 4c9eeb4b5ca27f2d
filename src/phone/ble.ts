// Web Bluetooth to the watch's console: the Nordic UART service. The phone writes to RX (…0002)
// in pieces of at most 20 bytes, one after the other, each acknowledged; the watch's console
// output arrives as notifications on TX (…0003). Strings carry bytes as char codes 0-255, as the
// sync protocol's Transport wants. Chrome and Edge (desktop and Android) have Web Bluetooth;
// Firefox and Safari (so every browser on iOS) do not. The watch takes one central at a time:
// Gadgetbridge (or the App Loader in another tab) must let go of it first.
import type { Connect } from "../sync/transport";
import { Link } from "./link";

export const NUS_SERVICE = "6e400001-b5a3-f393-e0a9-e50e24dcca9e";
/** the watch's receive characteristic: the phone writes here */
export const NUS_RX = "6e400002-b5a3-f393-e0a9-e50e24dcca9e";
/** the watch's transmit characteristic: notifications carry its console output */
export const NUS_TX = "6e400003-b5a3-f393-e0a9-e50e24dcca9e";
/** bytes per write (the default ATT MTU of 23 less 3) */
export const MAX_WRITE = 20;

// The slice of the Web Bluetooth API used here (TypeScript's DOM library does not declare it).
interface BtCharacteristic extends EventTarget {
  value?: DataView;
  writeValue(v: BufferSource): Promise<void>;
  writeValueWithResponse?(v: BufferSource): Promise<void>;
  startNotifications(): Promise<BtCharacteristic>;
}
interface BtService {
  getCharacteristic(uuid: string): Promise<BtCharacteristic>;
}
interface BtServer {
  connected: boolean;
  connect(): Promise<BtServer>;
  disconnect(): void;
  getPrimaryService(uuid: string): Promise<BtService>;
}
export interface BtDevice extends EventTarget {
  id: string;
  name?: string;
  gatt?: BtServer;
}
interface Bluetooth {
  requestDevice(o: { filters: { namePrefix?: string; services?: string[] }[]; optionalServices?: string[] }): Promise<BtDevice>;
}

function bluetooth(): Bluetooth | undefined {
  return (navigator as unknown as { bluetooth?: Bluetooth }).bluetooth;
}

/** this browser has Web Bluetooth (it may still be switched off, or the page not be https) */
export function bleAvailable(): boolean {
  return !!bluetooth();
}

export function bytesToString(v: DataView): string {
  let s = "";
  for (let i = 0; i < v.byteLength; i++) s += String.fromCharCode(v.getUint8(i));
  return s;
}

export function stringToBytes(s: string): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 255;
  return b;
}

/** the watch the runner picked; connect() opens (and reopens) the link to it */
export class BleWatch {
  constructor(readonly device: BtDevice) {}

  /** asks the browser's chooser for a Bangle.js (must run inside a tap or click) */
  static async pick(): Promise<BleWatch> {
    const bt = bluetooth();
    if (!bt) throw new Error("this browser has no Web Bluetooth: use Chrome or Edge (Android or desktop)");
    const device = await bt.requestDevice({
      filters: [{ namePrefix: "Bangle.js" }, { services: [NUS_SERVICE] }],
      optionalServices: [NUS_SERVICE],
    });
    return new BleWatch(device);
  }

  get name(): string {
    return this.device.name || this.device.id;
  }

  connect: Connect = async () => {
    const gatt = this.device.gatt;
    if (!gatt) throw new Error("the device has no GATT server");
    const server = await gatt.connect();
    const service = await server.getPrimaryService(NUS_SERVICE);
    const rx = await service.getCharacteristic(NUS_RX);
    const tx = await service.getCharacteristic(NUS_TX);
    const link = new BleLink(this.device, server, rx);
    tx.addEventListener("characteristicvaluechanged", (e) => {
      const v = (e.target as BtCharacteristic).value;
      if (v) link.received(bytesToString(v));
    });
    await tx.startNotifications();
    return link;
  };
}

class BleLink extends Link {
  constructor(device: BtDevice, private server: BtServer, private rx: BtCharacteristic) {
    super();
    const gone = () => {
      device.removeEventListener("gattserverdisconnected", gone);
      this.drop();
    };
    device.addEventListener("gattserverdisconnected", gone);
  }

  protected async send(s: string): Promise<void> {
    for (let i = 0; i < s.length; i += MAX_WRITE) {
      if (!this.open || !this.server.connected) throw new Error("disconnected");
      const b = stringToBytes(s.substring(i, i + MAX_WRITE));
      await (this.rx.writeValueWithResponse ? this.rx.writeValueWithResponse(b) : this.rx.writeValue(b));
    }
  }

  async close(): Promise<void> {
    if (this.server.connected) this.server.disconnect();
    this.drop();
  }
}
