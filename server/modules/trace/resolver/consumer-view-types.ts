/** The public view of a scanned code (consumer page and public timeline JSON): see consumer-view.ts. */
import type { ProductCode } from './code.ts';
import type { IsoDate } from './vocabulary.ts';

export interface TimelineEntry {
  /** RFC 3339 instant. */
  time: string;
  /** `2026-11-01 08:00`, Asia/Shanghai. */
  localTime: string;
  /** The bare CBV business step (or the step's URI for a non-CBV step); null when the event gave none. */
  bizStep: string | null;
  stepLabel: string;
  dispositionLabel: string | null;
  /** Name of the registered location (enterprise site); null when the location is not registered. */
  place: string | null;
  /** The county (区/县) of that location. */
  region: string | null;
  /** True when the event is about a container (case, pallet) the goods travelled in. */
  viaContainer: boolean;
}

export interface PublicInspection {
  date: IsoDate;
  localTime: string;
  kind: 'inspecting' | 'sampling' | 'test_report';
  result: 'conformant' | 'non_conformant' | null;
  resultLabel: string;
  /** The test report's reference (the `testres` business transaction), if the event gave one. */
  report: string | null;
  /** The report reference when it is an https URL, to link to. */
  reportUrl: string | null;
  place: string | null;
  region: string | null;
}

/** A raw-material lot of a processed batch (an input of the transformation that made it). */
export interface InputLot {
  /** Registered product name; null when the input's product is not registered. */
  productName: string | null;
  gtin: string | null;
  lot: string | null;
  serial: string | null;
  /** The enterprise that produced it (its registered location's), else the product's registered owner. */
  producer: string | null;
  /** Where it was produced: the region of that registered location (湖州市安吉县). */
  region: string | null;
  /** Path of the input's own consumer page on this host. */
  path: string | null;
}

export interface ConsumerView {
  code: {
    level: ProductCode['level'];
    anchor: string;
    uri: string;
    gtin: string;
    /** platform: a GTIN the platform allocated under its own GS1 Company Prefix; null for an unregistered product. */
    gtinIssuer: 'owner' | 'platform' | null;
    /** A GS1 demonstration number (GS1 Prefix 952): the page says 演示. */
    demonstration: boolean;
    lot: string | null;
    serial: string | null;
    elementString: string;
  };
  product: {
    registered: boolean;
    name: string | null;
    brand: string | null;
    spec: string | null;
    category: string | null;
    shelfLifeDays: number | null;
  };
  producer: string | null;
  origin: string | null;
  productionDate: IsoDate | null;
  expiryDate: IsoDate | null;
  /** True when the expiry date was worked out from the production date and the product's shelf life. */
  expiryEstimated: boolean;
  bestBeforeDate: IsoDate | null;
  inspection: PublicInspection | null;
  recalled: boolean;
  /** Whether any event names the code: false for a registered product whose batch has no records yet. */
  hasRecords: boolean;
  certifications: string[];
  /** 原料批次: what the batch was made from, when a TransformationEvent made it. */
  inputs: InputLot[];
  timeline: TimelineEntry[];
}
