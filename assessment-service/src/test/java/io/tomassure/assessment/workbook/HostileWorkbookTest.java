package io.tomassure.assessment.workbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import io.tomassure.support.problem.ProblemException;

/** Files that are not workbooks, or are built to hurt, are refused with a problem and bounded work. */
class HostileWorkbookTest {

    static final WorkbookFiles.Limits LIMITS = new WorkbookFiles.Limits(10_485_760, 16_777_216, 5000);

    static ProblemException refusal(byte[] bytes) {
        return catchThrowableOfType(ProblemException.class, () -> WorkbookFiles.parse(bytes, LIMITS).close());
    }

    @Test
    void notAWorkbookIs415() {
        assertThat(refusal("id,answer\nIO-01,Compliant\n".getBytes(StandardCharsets.UTF_8)).problem().status()).isEqualTo(415);
        assertThat(refusal(new byte[0]).problem().status()).isEqualTo(415);
        assertThat(refusal("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)).problem().type().toString())
                .isEqualTo("urn:tomassure:problem:not-a-workbook");
    }

    @Test
    void anOfficeFileThatIsNotAWorkbookIs415AndABrokenOneIs422() throws IOException {
        ByteArrayOutputStream doc = new ByteArrayOutputStream();
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            fs.createDocument(new java.io.ByteArrayInputStream(new byte[100]), "WordDocument");
            fs.writeFilesystem(doc);
        }
        assertThat(refusal(doc.toByteArray()).problem().status()).isEqualTo(415);
        assertThat(refusal(zip("hello.txt", "not an Office package".getBytes(StandardCharsets.UTF_8))).problem().type().toString())
                .isEqualTo("urn:tomassure:problem:unreadable-workbook");
    }

    @Test
    void encryptedWorkbooksOfBothFormatsAre422() throws Exception {
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        try (POIFSFileSystem fs = new POIFSFileSystem(); XSSFWorkbook workbook = new XSSFWorkbook()) {
            workbook.createSheet("5 - Architecture").createRow(0).createCell(0).setCellValue("secret");
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("pa55word");
            try (OutputStream out = encryptor.getDataStream(fs)) {
                workbook.write(out);
            }
            fs.writeFilesystem(xlsx);
        }
        assertThat(refusal(xlsx.toByteArray()).problem().type().toString()).isEqualTo("urn:tomassure:problem:encrypted-workbook");

        ByteArrayOutputStream xls = new ByteArrayOutputStream();
        Biff8EncryptionKey.setCurrentUserPassword("pa55word");
        try (HSSFWorkbook workbook = new HSSFWorkbook()) {
            workbook.createSheet("5 - Architecture").createRow(0).createCell(0).setCellValue("secret");
            workbook.write(xls);
        } finally {
            Biff8EncryptionKey.setCurrentUserPassword(null);
        }
        assertThat(refusal(xls.toByteArray()).problem().status()).isEqualTo(422);
    }

    @Test
    void zipBombsAreRefusedBeforeTheyExpand() throws IOException {
        // 64 MB of zeros in a few tens of KB: beyond the expanded-size limit.
        byte[] big = zip("xl/worksheets/sheet1.xml", new byte[64 * 1024 * 1024]);
        assertThat(big.length).isLessThan(200_000);
        assertThat(refusal(big).problem().type().toString()).isEqualTo("urn:tomassure:problem:unsafe-workbook");
        // 8 MB that compresses a thousandfold: within the size limit, refused by POI's inflate-ratio guard.
        byte[] dense = xlsxWithExtraEntry("xl/worksheets/sheet2.xml", new byte[8 * 1024 * 1024]);
        assertThat(refusal(dense).problem().type().toString()).isEqualTo("urn:tomassure:problem:unsafe-workbook");
    }

    @Test
    void aHugeSheetIs413() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
            var sheet = workbook.createSheet("5 - Architecture");
            for (int r = 0; r < 6000; r++) {
                var row = sheet.createRow(r);
                row.createCell(1).setCellValue("IO-" + r);
                row.createCell(2).setCellValue(java.util.UUID.randomUUID().toString());
            }
            workbook.write(out);
        }
        ProblemException refusal = refusal(out.toByteArray());
        assertThat(refusal.problem().detail()).contains("rows");
        assertThat(refusal.problem().status()).isEqualTo(413);
        assertThat(refusal.problem().detail()).contains("6000 rows");
    }

    @Test
    void anUploadOverTheLimitIs413WithoutBeingOpened() {
        assertThat(refusal(new byte[10_485_761]).problem().status()).isEqualTo(413);
    }

    static byte[] zip(String entry, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /** A real .xlsx with one more, highly compressible entry. */
    static byte[] xlsxWithExtraEntry(String entry, byte[] content) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            workbook.createSheet("5 - Architecture");
            workbook.write(plain);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(plain.toByteArray()));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content);
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
