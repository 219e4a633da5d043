"""Messages of the document rule codes (scans attached to timeline entries), in Bahasa
Indonesia and English; merged into domain/messages.py, which is near its size limit."""

from __future__ import annotations

DOCUMENT_MESSAGES: dict[str, dict[str, str]] = {
    "DOCUMENT_EMPTY": {
        "id": "Pilih berkas pindaian (PDF, JPEG atau PNG) untuk dilampirkan.",
        "en": "Choose a scan (PDF, JPEG or PNG) to attach.",
    },
    "DOCUMENT_TOO_LARGE": {
        "id": "Berkas terlalu besar: paling besar {limit}.",
        "en": "The file is too large: at most {limit}.",
    },
    "DOCUMENT_TYPE_NOT_ALLOWED": {
        "id": "Jenis berkas tidak diterima: lampirkan PDF, JPEG atau PNG.",
        "en": "This type of file is not accepted: attach a PDF, JPEG or PNG.",
    },
    "DOCUMENT_CONTENT_INVALID": {
        "id": "Isi berkas rusak atau tidak lengkap: pindai ulang lalu lampirkan lagi.",
        "en": "The file's content is damaged or incomplete: scan it again and attach it.",
    },
    "DOCUMENT_ENTRY_UNKNOWN": {
        "id": "Entri riwayat nomor {version} tidak ada pada pegawai ini.",
        "en": "Timeline entry {version} does not exist on this employee's record.",
    },
}
