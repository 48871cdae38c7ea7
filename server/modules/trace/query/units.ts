/**
 * Units of measure for the `…_<uom>` query parameters (EQ_value_CEL, GE_quantity_KGM, …). EPCIS 2.0 events give
 * units as UN/ECE Recommendation 20 codes, and a query may name another unit of the same quantity than the event
 * used (the GS1 conformance test for sensor data queries GE_value_KEL against a reading in CEL). So a query value
 * is converted into every unit of its dimension that this table knows, and compared with the readings in each.
 *
 * The table holds the Rec 20 codes for the quantities the platform's events carry (temperature, mass, length, area,
 * volume, time, speed, pressure, density / mass concentration, energy, power, electrical, frequency, angle,
 * illuminance, ratios). A code outside it is compared only with readings in exactly that code.
 */

interface Unit {
  dimension: string;
  /** The value in the dimension's base (SI) unit is `(value + offset) * factor`. */
  factor: number;
  offset: number;
}

const unit = (dimension: string, factor: number, offset = 0): Unit => ({ dimension, factor, offset });

const UNITS: Record<string, Unit> = {
  // temperature → kelvin
  KEL: unit('temperature', 1),
  CEL: unit('temperature', 1, 273.15),
  FAH: unit('temperature', 5 / 9, 459.67),
  A48: unit('temperature', 5 / 9),
  // mass → kilogram
  KGM: unit('mass', 1),
  GRM: unit('mass', 1e-3),
  MGM: unit('mass', 1e-6),
  MC: unit('mass', 1e-9),
  TNE: unit('mass', 1e3),
  LBR: unit('mass', 0.45359237),
  ONZ: unit('mass', 0.028349523125),
  // length → metre
  MTR: unit('length', 1),
  DMT: unit('length', 0.1),
  CMT: unit('length', 0.01),
  MMT: unit('length', 1e-3),
  '4H': unit('length', 1e-6),
  KMT: unit('length', 1e3),
  INH: unit('length', 0.0254),
  FOT: unit('length', 0.3048),
  YRD: unit('length', 0.9144),
  SMI: unit('length', 1609.344),
  NMI: unit('length', 1852),
  // area → square metre
  MTK: unit('area', 1),
  CMK: unit('area', 1e-4),
  MMK: unit('area', 1e-6),
  KMK: unit('area', 1e6),
  HAR: unit('area', 1e4),
  FTK: unit('area', 0.09290304),
  INK: unit('area', 0.00064516),
  // volume → cubic metre
  MTQ: unit('volume', 1),
  DMQ: unit('volume', 1e-3),
  CMQ: unit('volume', 1e-6),
  MMQ: unit('volume', 1e-9),
  LTR: unit('volume', 1e-3),
  DLT: unit('volume', 1e-4),
  CLT: unit('volume', 1e-5),
  MLT: unit('volume', 1e-6),
  HLT: unit('volume', 0.1),
  GLL: unit('volume', 0.003785411784),
  GLI: unit('volume', 0.00454609),
  // time → second
  SEC: unit('time', 1),
  C26: unit('time', 1e-3),
  MIN: unit('time', 60),
  HUR: unit('time', 3600),
  DAY: unit('time', 86400),
  WEE: unit('time', 604800),
  // speed → metre per second
  MTS: unit('speed', 1),
  KMH: unit('speed', 1 / 3.6),
  '2X': unit('speed', 1 / 60),
  HM: unit('speed', 0.44704),
  KNT: unit('speed', 1852 / 3600),
  // pressure → pascal
  PAL: unit('pressure', 1),
  A97: unit('pressure', 100),
  KPA: unit('pressure', 1e3),
  MPA: unit('pressure', 1e6),
  MBR: unit('pressure', 100),
  BAR: unit('pressure', 1e5),
  ATM: unit('pressure', 101325),
  PS: unit('pressure', 6894.757293168),
  // density, mass concentration, absolute humidity → kilogram per cubic metre
  KMQ: unit('massPerVolume', 1),
  A93: unit('massPerVolume', 1e-3),
  GL: unit('massPerVolume', 1),
  '23': unit('massPerVolume', 1e3),
  // energy → joule
  JOU: unit('energy', 1),
  KJO: unit('energy', 1e3),
  WHR: unit('energy', 3600),
  KWH: unit('energy', 3.6e6),
  // power → watt
  WTT: unit('power', 1),
  KWT: unit('power', 1e3),
  MAW: unit('power', 1e6),
  // electric potential → volt; current → ampere
  VLT: unit('voltage', 1),
  '2Z': unit('voltage', 1e-3),
  KVT: unit('voltage', 1e3),
  AMP: unit('current', 1),
  '4K': unit('current', 1e-3),
  // frequency → hertz
  HTZ: unit('frequency', 1),
  KHZ: unit('frequency', 1e3),
  MHZ: unit('frequency', 1e6),
  // plane angle → radian
  C81: unit('angle', 1),
  DD: unit('angle', Math.PI / 180),
  // illuminance → lux
  LUX: unit('illuminance', 1),
  KLX: unit('illuminance', 1e3),
  // ratio → one (relative humidity, volume fraction in percent)
  C62: unit('ratio', 1),
  P1: unit('ratio', 0.01),
};

/** Twelve significant digits: what remains of a value after the round trip through the base unit. */
const tidy = (x: number): number => Number(x.toPrecision(12));

/**
 * `value` (in unit `from`) expressed in every unit of the same dimension, `from` itself included. `difference`
 * converts a spread rather than a point (a standard deviation: 0.1 CEL is 0.1 KEL, not 273.25 KEL).
 */
export function inEveryUnit(value: number, from: string, difference = false): { uom: string; value: number }[] {
  const source = UNITS[from];
  if (!source) return [{ uom: from, value }];
  const base = difference ? value * source.factor : (value + source.offset) * source.factor;
  return Object.entries(UNITS)
    .filter(([, u]) => u.dimension === source.dimension)
    .map(([uom, u]) => ({ uom, value: uom === from ? value : tidy(difference ? base / u.factor : base / u.factor - u.offset) }));
}
