export interface Figure {
  value: number;
  unit: string;
}

export interface Bench {
  name: string;
  description: string;
  run(): Promise<Record<string, Figure>>;
}
