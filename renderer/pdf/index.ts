// Press PDF output: LayoutResult -> PDF/X bytes. See write.ts for the pipeline.
export { writePdf, PT_PER_MM } from './write';
export { SubsetCache } from './cidfont';
export { CUSTOM_CONDITION, outputIntentText, PDFX } from './pdfx';
export { fileNameFor } from './names';
export { adLayout } from './ad';
export type { PdfFile, PdfFontFace, PdfImage, PdfResources, PdfWriteOptions, PdfxLevel, OutputProfile } from './types';
