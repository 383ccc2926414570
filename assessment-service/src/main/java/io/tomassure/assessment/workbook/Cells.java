package io.tomassure.assessment.workbook;

import org.apache.poi.hssf.util.HSSFColor;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Color;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFColor;

/** Reading cells as the person filling the workbook sees them, without ever evaluating a formula. */
final class Cells {

    /** DataFormatter caches formats and is not thread-safe; two workbooks may be read at once. */
    private static final ThreadLocal<DataFormatter> FORMAT = ThreadLocal.withInitial(DataFormatter::new);

    private Cells() {
    }

    static Cell cell(Sheet sheet, int row, int column) {
        Row r = sheet.getRow(row);
        return r == null || column < 0 ? null : r.getCell(column);
    }

    /** The displayed text; a formula's cached result (never re-evaluated: workbooks are untrusted input). */
    static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getRichStringCellValue().getString();
            case NUMERIC -> {
                CellStyle style = cell.getCellStyle();
                yield FORMAT.get().formatRawCellContents(cell.getNumericCellValue(), style.getDataFormat(), style.getDataFormatString());
            }
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            default -> "";
        };
    }

    static boolean isFormula(Cell cell) {
        return cell != null && cell.getCellType() == CellType.FORMULA;
    }

    /**
     * The cell's fill, as a key that survives shading: a theme colour by its theme index (POI reports a tinted
     * theme colour as its untinted base, and the family shades one party's colour for headings and rows), any
     * other colour by its RGB. Null when unfilled.
     */
    static String fillKey(Cell cell) {
        if (cell == null || cell.getCellStyle().getFillPattern() == FillPatternType.NO_FILL) {
            return null;
        }
        Color color = cell.getCellStyle().getFillForegroundColorColor();
        if (color instanceof XSSFColor x) {
            if (x.isThemed()) {
                return "theme:" + x.getTheme();
            }
            return x.getARGBHex() == null ? null : "rgb:" + x.getARGBHex().substring(2);
        }
        if (color instanceof HSSFColor h) {
            short[] rgb = h.getTriplet();
            return String.format("rgb:%02X%02X%02X", rgb[0], rgb[1], rgb[2]);
        }
        return null;
    }
}
