/**
 * The browser and device a `User-Agent` names, as Clerk's "Active devices" shows them. A few
 * patterns cover the browsers people run (Edge and Opera before Chrome, whose token they carry);
 * anything else is an unnamed "Web browser".
 */
export interface DeviceDescription {
  browserName: string;
  browserVersion: string;
  deviceType: string;
  isMobile: boolean;
}

const BROWSERS: Array<[name: string, pattern: RegExp]> = [
  ['Edge', /\bEdg(?:e|A|iOS)?\/([\d.]+)/],
  ['Opera', /\bOPR\/([\d.]+)/],
  ['Firefox', /\b(?:Firefox|FxiOS)\/([\d.]+)/],
  // Also HeadlessChrome, as automated Chromium calls itself.
  ['Chrome', /(?:Chrome|CriOS|Chromium)\/([\d.]+)/],
  ['Safari', /\bVersion\/([\d.]+).*\bSafari\//],
];

const DEVICES: Array<[type: string, pattern: RegExp]> = [
  ['iPhone', /\biPhone\b/],
  ['iPad', /\biPad\b/],
  ['Android', /\bAndroid\b/],
  ['Macintosh', /\bMacintosh\b/],
  ['Windows', /\bWindows\b/],
  ['Linux', /\b(?:Linux|X11)\b/],
];

export function describeUserAgent(userAgent: string): DeviceDescription {
  const browser = BROWSERS.map(([name, pattern]) => [name, pattern.exec(userAgent)?.[1]] as const).find(([, version]) => version);
  return {
    browserName: browser?.[0] ?? '',
    browserVersion: browser?.[1] ?? '',
    deviceType: DEVICES.find(([, pattern]) => pattern.test(userAgent))?.[0] ?? '',
    isMobile: /\b(?:Mobi|iPhone|iPad|Android)\b/.test(userAgent),
  };
}
