package io.tomassure.assessment.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import jakarta.ws.rs.core.MediaType;

/**
 * How evidence files go back out. An uploader chooses the name and the Content-Type; neither may turn a download into
 * a page that runs in the reader's browser or into a forged header. So a file is always an attachment, named in the
 * RFC 6266 form, and served as the type it was uploaded with only when that is a document or image type known to be
 * inert; anything else is served as bytes.
 */
final class EvidenceFiles {

    /** Types served as uploaded: documents, spreadsheets, images and plain text. */
    private static final Set<String> INERT = Set.of("application/pdf", "text/plain", "text/csv", "image/png", "image/jpeg",
            "image/gif", "application/zip", "application/msword", "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet");

    private EvidenceFiles() {
    }

    /** A name an uploader may give: 1 to 255 characters, none of them a control character (no header splitting). */
    static boolean isFileName(String name) {
        return name != null && !name.isBlank() && name.length() <= 255 && name.chars().noneMatch(Character::isISOControl);
    }

    /** The Content-Type a download is served with. */
    static String servedType(String uploaded) {
        if (uploaded == null) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        String essence = uploaded.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return INERT.contains(essence) ? essence : MediaType.APPLICATION_OCTET_STREAM;
    }

    /** {@code attachment} with an ASCII fallback name and the exact name in {@code filename*} (RFC 6266, RFC 8187). */
    static String attachment(String name) {
        StringBuilder ascii = new StringBuilder();
        name.chars().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
