// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #8: a foreign-file corpus, written at test time by the programs users have (ffmpeg, sox,
// lame, flac, oggenc, opusenc), loaded as librosa.load does and checked against what Debian's
// python3-soundfile reads from the same bytes; plus damaged copies that must fail with a reason.
#include "core/audio/AudioFile.h"
#include "tests/support/CliProcess.h"
#include "tests/support/SyntheticAudio.h"
#include "tests/support/TestPaths.h"

#include <sndfile.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>
#include <random>
#include <tuple>

using namespace cepstra;
using namespace cepstra::test;

namespace {

constexpr double kSeconds = 3.0;
constexpr double kLoadedSampleTolerance = 1e-6; // the golden tolerance without resampling

enum class Edit { None, OddChunks };

/// What loading a copy cut in the middle of its samples must do.
enum class CutShort {
    /// MP3: mpg123 decodes the frames that are there, and librosa (soundfile) takes them.
    Accepted,
    /// FLAC (STREAMINFO counts the samples; libFLAC loses sync) and Ogg (no final page, so
    /// libsndfile reports an unknown length, SF_COUNT_MAX, and soundfile.read raises): any reason.
    Refused,
    /// WAV, RF64, AIFF, AU: the header states the size of the samples.
    TruncatedAudio,
};

/// One file of the corpus: the command that writes it (run in the corpus folder on the sources
/// initTestCase wrote; %1 is the file's name), what it holds, and byte strings proving the tool
/// wrote the variant we meant (a Xing header or none, cover art, WAVE_FORMAT_EXTENSIBLE...).
struct CorpusFile {
    QString name;
    QString command;
    int rateHz = 0;
    int channels = 0;
    QByteArrayList mustContain = {};
    QByteArrayList mustLack = {};
    CutShort cut = CutShort::Accepted;
    Edit edit = Edit::None;
    /// The header's frame count is only an estimate (MPEG audio without a length tag, a
    /// headerless file): scan and the app say so.
    bool estimated = false;
};

/// MPEG, FLAC, Vorbis or Opus: bytes that must decode, unlike PCM where any bytes are samples.
bool isCodedStream(const CorpusFile& file) {
    for (const char* extension : {".mp3", ".flac", ".ogg", ".opus"})
        if (file.name.endsWith(extension))
            return true;
    return file.name.contains("mp3-codec");
}

/// Ten channels of tones up to +-300 (float WAVs are not clipped), for aevalsrc.
QString tenLoudChannels() {
    QStringList channels;
    for (int c = 0; c < 10; ++c)
        channels << QString("%1*sin(2*PI*%2*t)")
                        .arg((c % 2 ? -1 : 1) * (30 * (c + 1)))
                        .arg(97 * (c + 1));
    return channels.join('|');
}

const QByteArray kWaveExtensible("fmt \x28\0\0\0\xFE\xFF", 10); // a 40-byte fmt, tag 0xFFFE

const std::vector<CorpusFile>& corpus() {
    using enum CutShort;
    // clang-format off
    static const std::vector<CorpusFile> files{
        {.name = "mp3-sox-cbr-44k-stereo.mp3", .command = "sox src44.wav -C 192 %1",
         .rateHz = 44100, .channels = 2, .mustLack = {"Xing", "Info", "ID3"}, .estimated = true},
        {.name = "mp3-lame-vbr-xing-44k-stereo.mp3", .command = "lame --quiet -V 2 src44.wav %1",
         .rateHz = 44100, .channels = 2, .mustContain = {"Xing", "LAME"}},
        {.name = "mp3-lame-id3v2-cover.mp3",
         .command = "lame --quiet -b 128 --ti cover.png --tt Foreign --ta Cepstra --add-id3v2 "
                    "src44.wav %1",
         .rateHz = 44100, .channels = 2, .mustContain = {"ID3", "APIC", "\x89PNG", "Info"}},
        {.name = "mp3-ffmpeg-id3v2-cover.mp3",
         .command = "ffmpeg -i src44.wav -i cover.png -map 0:a -map 1:v -c:a libmp3lame -b:a 128k "
                    "-c:v copy -id3v2_version 3 -metadata:s:v \"title=Album cover\" "
                    "-metadata:s:v \"comment=Cover (front)\" %1",
         .rateHz = 44100, .channels = 2, .mustContain = {"ID3", "APIC", "\x89PNG", "Info"}},
        {.name = "mp3-ffmpeg-cbr-noxing-44k.mp3",
         .command = "ffmpeg -i src44.wav -c:a libmp3lame -b:a 128k -write_xing 0 %1",
         .rateHz = 44100, .channels = 2, .mustContain = {"ID3"}, .mustLack = {"Xing", "Info"},
         .estimated = true},
        {.name = "mp3-sox-cbr-22k-mono.mp3", .command = "sox src22.wav -C 64 %1",
         .rateHz = 22050, .channels = 1, .mustLack = {"Xing", "Info"}, .estimated = true},
        {.name = "mp3-lame-vbr-22k-mono.mp3", .command = "lame --quiet -V 5 src22.wav %1",
         .rateHz = 22050, .channels = 1, .mustContain = {"Xing"}},
        {.name = "mp3-sox-cbr-48k-stereo.mp3", .command = "sox src48.wav -C 192 %1",
         .rateHz = 48000, .channels = 2, .mustLack = {"Xing", "Info"}, .estimated = true},
        {.name = "mp3-ffmpeg-48k-stereo.mp3",
         .command = "ffmpeg -i src48.wav -c:a libmp3lame -b:a 160k %1",
         .rateHz = 48000, .channels = 2, .mustContain = {"ID3", "Info"}},
        {.name = "wavex-ffmpeg-s24-stereo-48k.wav",
         .command = "ffmpeg -i src48.wav -c:a pcm_s24le %1",
         .rateHz = 48000, .channels = 2, .mustContain = {kWaveExtensible}, .cut = TruncatedAudio},
        {.name = "wavex-ffmpeg-s24-6ch-48k.wav",
         .command = "ffmpeg -i src48x6.wav -c:a pcm_s24le %1",
         .rateHz = 48000, .channels = 6, .mustContain = {kWaveExtensible}, .cut = TruncatedAudio},
        {.name = "wavex-ffmpeg-f32-stereo-44k.wav",
         .command = "ffmpeg -i src44.wav -c:a pcm_f32le %1",
         .rateHz = 44100, .channels = 2, .mustContain = {kWaveExtensible, "fact"},
         .cut = TruncatedAudio},
        {.name = "wav-ffmpeg-listinfo-oddchunks.wav",
         .command = "ffmpeg -i src44.wav -c:a pcm_s16le -metadata \"title=Foreign title\" "
                    "-metadata artist=Cepstra -metadata comment=odd %1",
         .rateHz = 44100, .channels = 2,
         .mustContain = {"LIST", "INFO", "INAM", "JUNK\x07", "note\x03"},
         .cut = TruncatedAudio, .edit = Edit::OddChunks},
        {.name = "rf64-ffmpeg.wav",
         .command = "ffmpeg -i src44.wav -c:a pcm_s16le -rf64 always %1",
         .rateHz = 44100, .channels = 2, .mustContain = {"RF64", "ds64"}, .cut = TruncatedAudio},
        {.name = "flac-cli-picture.flac",
         .command = "flac --silent --picture=cover.png -T TITLE=Foreign src44.wav -o %1",
         .rateHz = 44100, .channels = 2, .mustContain = {"fLaC", "image/png", "\x89PNG"},
         .cut = Refused},
        {.name = "ogg-vorbis-oggenc.ogg", .command = "oggenc --quiet -q 4 src44.wav -o %1",
         .rateHz = 44100, .channels = 2, .mustContain = {"OggS", "vorbis"}, .cut = Refused},
        {.name = "ogg-opus-opusenc.opus", .command = "opusenc --quiet --bitrate 96 src48.wav %1",
         .rateHz = 48000, .channels = 2, .mustContain = {"OggS", "OpusHead"}, .cut = Refused},
        {.name = "aifc-sox.aifc", .command = "sox src44.wav %1",
         .rateHz = 44100, .channels = 2, .mustContain = {"FORM", "AIFC", "NONE"},
         .cut = TruncatedAudio},
        {.name = "aifc-ffmpeg-fl32.aiff", .command = "ffmpeg -i src44.wav -c:a pcm_f32be %1",
         .rateHz = 44100, .channels = 2, .mustContain = {"FORM", "AIFC", "fl32"},
         .cut = TruncatedAudio},
        {.name = "au-sox-22k-mono.au", .command = "sox src22.wav %1",
         .rateHz = 22050, .channels = 1, .mustContain = {".snd"}, .cut = TruncatedAudio},
        {.name = "caf-ffmpeg.caf", .command = "ffmpeg -i src44.wav %1",
         .rateHz = 44100, .channels = 2, .mustContain = {"caff", "desc", "data"},
         .cut = TruncatedAudio},
        {.name = "w64-sox.w64", .command = "sox src44.wav %1",
         .rateHz = 44100, .channels = 2, .mustContain = {"riff"}, .cut = TruncatedAudio},
        // Written to a pipe, so the header cannot state the size: W64 with its riff size
        // unset, FLAC without a total in STREAMINFO, WAV with a data size of 0xFFFFFFFF.
        {.name = "w64-ffmpeg-pipe.w64", .command = "sh -c \"ffmpeg -nostdin -v error -i "
                                                   "src44.wav -f w64 - > %1\"",
         .rateHz = 44100, .channels = 2, .mustContain = {"riff"}},
        {.name = "flac-ffmpeg-pipe.flac", .command = "sh -c \"ffmpeg -nostdin -v error -i "
                                                     "src44.wav -f flac - > %1\"",
         .rateHz = 44100, .channels = 2, .mustContain = {"fLaC"}, .cut = Refused, .estimated = true},
        {.name = "wav-ffmpeg-pipe.wav", .command = "sh -c \"ffmpeg -nostdin -v error -i "
                                                   "src44.wav -f wav - > %1\"",
         .rateHz = 44100, .channels = 2, .mustContain = {"data\xFF\xFF\xFF\xFF"}},
        // MPEG audio inside a WAV (format 0x55): the frame count is the bitrate's estimate.
        {.name = "wav-ffmpeg-mp3-codec.wav", .command = "ffmpeg -i src44.wav -c:a libmp3lame %1",
         .rateHz = 44100, .channels = 2, .mustContain = {"fmt ", QByteArray("\x55\x00", 2)},
         .estimated = true},
        // An MP3 after 3000 bytes of junk: libsndfile finds it only by the file's extension.
        {.name = "mp3-after-junk.mp3", .command = "sh -c \"head -c 3000 /dev/zero > %1 && "
                                                  "lame --quiet -b 128 src44.wav - >> %1\"",
         .rateHz = 44100, .channels = 2, .mustLack = {"Xing", "Info"}, .estimated = true},
        // Loud float samples over 10 channels: numpy's pairwise mean, bit for bit.
        {.name = "wav-ffmpeg-f32-10ch-loud.wav",
         .command = "ffmpeg -f lavfi -i aevalsrc=exprs=" + tenLoudChannels() +
                    ":s=44100:d=2 -c:a pcm_f32le %1",
         .rateHz = 44100, .channels = 10, .cut = TruncatedAudio},
    };
    // clang-format on
    return files;
}

const CorpusFile* corpusFile(const QString& name) {
    for (const CorpusFile& file : corpus())
        if (file.name == name)
            return &file;
    return nullptr;
}

QString debianPackage(const QString& program) {
    static const QHash<QString, QString> packages{
        {"ffmpeg", "ffmpeg"},
        {"sox", "sox and libsox-fmt-all"},
        {"lame", "lame"},
        {"flac", "flac"},
        {"oggenc", "vorbis-tools"},
        {"opusenc", "opus-tools"},
        {"python3", "python3-soundfile and python3-numpy"},
        {"sh", "dash"}};
    return packages.value(QFileInfo(program).fileName(), "?");
}

/// Runs a program users have, in `folder` (ffmpeg quiet, overwriting). Returns "" on success,
/// else why not, naming the Debian package: a missing tool fails the test, it never skips it.
QString runProgram(const QString& folder, QStringList command) {
    if (command.first() == "ffmpeg")
        command = QStringList{"ffmpeg", "-nostdin", "-v", "error", "-y"} + command.mid(1);
    const QString executable = command.first().startsWith('/')
                                   ? command.first()
                                   : QStandardPaths::findExecutable(command.first());
    if (executable.isEmpty() || !QFileInfo(executable).isExecutable())
        return QString("%1 is not installed; install the Debian package %2")
            .arg(command.first(), debianPackage(command.first()));
    QProcess process;
    process.setWorkingDirectory(folder);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(executable, command.mid(1));
    process.closeWriteChannel();
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return command.join(' ') + " timed out";
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return QString("`%1` failed (exit %2; Debian package %3): %4")
            .arg(command.join(' '))
            .arg(process.exitCode())
            .arg(debianPackage(command.first()),
                 QString::fromLocal8Bit(process.readAllStandardError()).trimmed());
    return {};
}

quint32 littleEndian32(const QByteArray& bytes, qsizetype at) {
    quint32 value = 0;
    for (int i = 3; i >= 0; --i)
        value = (value << 8) | quint8(bytes[at + i]);
    return value;
}

quint32 bigEndian32(const QByteArray& bytes, qsizetype at) {
    quint32 value = 0;
    for (int i = 0; i < 4; ++i)
        value = (value << 8) | quint8(bytes[at + i]);
    return value;
}

QByteArray littleEndianBytes(quint32 value) {
    QByteArray bytes(4, '\0');
    for (int i = 0; i < 4; ++i)
        bytes[i] = char((value >> (8 * i)) & 0xFF);
    return bytes;
}

/// Offset of a RIFF/RF64 chunk's header (chunks are word-aligned: odd sizes get a pad byte), or
/// -1. `bigEndian` walks an IFF (AIFF) file the same way.
qsizetype findChunk(const QByteArray& bytes, const QByteArray& id, bool bigEndian = false) {
    qsizetype at = 12;
    while (at + 8 <= bytes.size()) {
        if (bytes.mid(at, 4) == id)
            return at;
        const quint32 size = bigEndian ? bigEndian32(bytes, at + 4) : littleEndian32(bytes, at + 4);
        at += 8 + qsizetype(size) + qsizetype(size & 1);
    }
    return -1;
}

/// What a hand-edited or third-party WAV carries: an odd-sized chunk with its pad byte before
/// the samples, and another after them. The RIFF size is updated to match.
bool insertOddChunks(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite))
        return false;
    QByteArray bytes = file.readAll();
    const qsizetype format = findChunk(bytes, "fmt ");
    if (format < 0)
        return false;
    const qsizetype afterFormat = format + 8 + littleEndian32(bytes, format + 4);
    bytes.insert(afterFormat, QByteArray("JUNK\x07\0\0\0ABCDEFG\0", 16));
    bytes.append(QByteArray("note\x03\0\0\0xyz\0", 12));
    bytes.replace(4, 4, littleEndianBytes(quint32(bytes.size() - 8)));
    file.resize(0);
    file.seek(0);
    return file.write(bytes) == bytes.size();
}

/// Bytes before the first encoded sample: the RIFF/IFF chunks before the samples, the AU
/// header, FLAC metadata blocks, the Ogg header pages (granule 0), or the ID3v2 tag and
/// first MPEG frame header.
qsizetype headerLength(const QByteArray& bytes) {
    const QByteArray magic = bytes.left(4);
    if (magic == "RIFF" || magic == "RF64")
        return findChunk(bytes, "data") + 8;
    if (magic == "FORM")
        return findChunk(bytes, "SSND", true) + 16; // + offset and block size
    if (magic == ".snd")
        return bigEndian32(bytes, 4);
    if (magic == "fLaC") {
        qsizetype at = 4;
        for (bool last = false; !last && at + 4 <= bytes.size();) {
            last = quint8(bytes[at]) & 0x80;
            at += 4 + qsizetype(bigEndian32(bytes, at) & 0xFFFFFF);
        }
        return at;
    }
    if (magic == "OggS") {
        qsizetype at = 0;
        while (at + 27 <= bytes.size() && bytes.mid(at, 4) == "OggS") {
            qint64 granule = 0;
            std::memcpy(&granule, bytes.constData() + at + 6, 8);
            if (granule != 0)
                break;
            const int segments = quint8(bytes[at + 26]);
            qsizetype length = 27 + segments;
            for (int s = 0; s < segments; ++s)
                length += quint8(bytes[at + 27 + s]);
            at += length;
        }
        return at;
    }
    qsizetype at = 0;
    if (bytes.startsWith("ID3")) {
        at = 10;
        for (int i = 6; i < 10; ++i)
            at += qsizetype(quint8(bytes[i]) & 0x7F) << (7 * (9 - i));
    }
    return at + 4;
}

/// Bytes that identify the format: the four-byte magic of a container, "ID3" of a tag, or the
/// 11-bit sync and version bits of an MPEG frame.
qsizetype magicLength(const QByteArray& bytes) {
    if (bytes.startsWith("ID3"))
        return 3;
    if (quint8(bytes[0]) == 0xFF)
        return 2;
    return 4;
}

QByteArray withGarbageAfter(QByteArray bytes, qsizetype keep) {
    std::mt19937 generator(8);
    std::uniform_int_distribution<int> byte(0, 255);
    for (qsizetype i = keep; i < bytes.size(); ++i)
        bytes[i] = char(byte(generator));
    return bytes;
}

/// librosa.load's reading, in Debian's own Python, call for call (librosa 0.11's
/// __soundfile_load): SoundFile(path), read(frames=-1, dtype=float32, always_2d=False), the
/// transpose, then to_mono's float32 mean over channels. Writes raw float32, prints JSON.
const char* const kSoundfileScript = R"(
import json, sys
import numpy as np
import soundfile as sf
path, out = sys.argv[1], sys.argv[2]
info = sf.info(path)
with sf.SoundFile(path) as sf_desc:
    sr = sf_desc.samplerate
    if sf_desc.frames == 2**63 - 1:
        # No length in the header (FLAC from a pipe): librosa.load raises "array is too big",
        # and soundfile's read() seeks past the end. libsndfile's own blocks are the truth.
        blocks = []
        while True:
            block = np.empty((65536, sf_desc.channels), dtype="float32")
            got = sf._snd.sf_readf_float(sf_desc._file, sf._ffi.cast("float*", block.ctypes.data), 65536)
            if got <= 0:
                break
            blocks.append(block[:got])
        y = np.concatenate(blocks).T
    else:
        y = sf_desc.read(frames=-1, dtype="float32", always_2d=False).T
if y.ndim == 1:
    y = y[np.newaxis, :]
mono = np.mean(y, axis=0) if y.shape[0] > 1 else y[0]
assert mono.dtype == np.float32
np.ascontiguousarray(mono, dtype="<f4").tofile(out)
print(json.dumps({"frames": int(y.shape[1]), "headerFrames": int(info.frames),
                  "rateHz": int(sr), "channels": int(y.shape[0])}))
)";

struct Reference {
    std::vector<float> mono;
    qint64 frames = 0;
    qint64 headerFrames = 0; ///< what libsndfile's header parse promised (sf.info().frames)
    int rateHz = 0;
    int channels = 0;
};

QString readReference(const QString& folder, const QString& name, Reference& reference) {
    const QString script = QDir(folder).filePath("soundfile_reference.py");
    if (!QFile::exists(script) && !writeBytes(script, kSoundfileScript))
        return "cannot write " + script;
    const QString raw = QDir(folder).filePath(name + ".f32");
    QProcess python;
    python.start(numpyPython(), {script, QDir(folder).filePath(name), raw});
    python.closeWriteChannel();
    if (!python.waitForFinished(60000) || python.exitStatus() != QProcess::NormalExit ||
        python.exitCode() != 0)
        return QString("%1 could not read %2 with soundfile (Debian packages python3-soundfile, "
                       "python3-numpy): %3")
            .arg(numpyPython(), name, QString::fromLocal8Bit(python.readAllStandardError()));
    const QJsonObject summary = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    reference.frames = summary["frames"].toInteger();
    reference.headerFrames = summary["headerFrames"].toInteger();
    reference.rateHz = summary["rateHz"].toInt();
    reference.channels = summary["channels"].toInt();
    QFile samples(raw);
    if (!samples.open(QIODevice::ReadOnly))
        return "soundfile wrote no samples for " + name;
    const QByteArray bytes = samples.readAll();
    reference.mono.resize(std::size_t(bytes.size()) / sizeof(float));
    std::memcpy(reference.mono.data(), bytes.constData(), reference.mono.size() * sizeof(float));
    return {};
}

/// Interleaved test signals: channel c gets its own tone, a chirp rides on channel 1 and noise
/// on channel 0, so a wrong downmix or channel order shows.
std::vector<float> sourceSignal(int rateHz, int channels, double seconds) {
    const auto noise = whiteNoise(seconds, rateHz, 8, 0.05);
    const auto sweep = chirp(150.0, 0.4 * rateHz, seconds, rateHz);
    std::vector<float> interleaved(noise.size() * std::size_t(channels));
    for (std::size_t i = 0; i < noise.size(); ++i)
        for (int c = 0; c < channels; ++c) {
            const double hz = 330.0 * (1 + c);
            float value = float(0.3 * std::sin(2.0 * std::numbers::pi * hz * double(i) / rateHz));
            value += c == 0 ? noise[i] : c == 1 ? 0.4f * sweep[i] : 0.0f;
            interleaved[i * std::size_t(channels) + std::size_t(c)] = value;
        }
    return interleaved;
}

enum class Damage {
    ZeroBytes,
    HeaderOnly,
    CutInsideHeader,
    GarbageAfterMagic,
    GarbageAfterHeader,
    CutMidSamples,
    CutLastFrame, ///< four bytes short: under a frame of most formats
    CorruptMiddle ///< 16 bytes of 0xFF halfway through the coded stream
};

} // namespace

class TestForeignAudio : public QObject {
    Q_OBJECT

    QTemporaryDir m_work;

    QString folder() const { return m_work.path(); }

    /// Writes a corpus file with its program unless an earlier row already did.
    QString ensureCorpusFile(const CorpusFile& file) {
        const QString path = QDir(folder()).filePath(file.name);
        if (QFile::exists(path))
            return {};
        const QStringList command = QProcess::splitCommand(file.command.arg(file.name));
        if (QString problem = runProgram(folder(), command); !problem.isEmpty())
            return problem;
        if (file.edit == Edit::OddChunks && !insertOddChunks(path))
            return "could not add odd-sized chunks to " + file.name;
        return {};
    }

private slots:
    void initTestCase() {
        QVERIFY(m_work.isValid());
        // The sources carry 24 bits, so the 24-bit and float outputs hold more than 16.
        const int pcm24 = SF_FORMAT_WAV | SF_FORMAT_PCM_24;
        QVERIFY(writeAudioFile(m_work.filePath("src44.wav"), sourceSignal(44100, 2, kSeconds),
                               44100, 2, pcm24));
        QVERIFY(writeAudioFile(m_work.filePath("src48.wav"), sourceSignal(48000, 2, kSeconds),
                               48000, 2, pcm24));
        QVERIFY(writeAudioFile(m_work.filePath("src22.wav"), sourceSignal(22050, 1, kSeconds),
                               22050, 1, pcm24));
        QVERIFY(writeAudioFile(m_work.filePath("src48x6.wav"), sourceSignal(48000, 6, 2.0), 48000,
                               6, pcm24));
        const QString cover = runProgram(
            folder(),
            QProcess::splitCommand(QStringLiteral(
                "ffmpeg -f lavfi -i color=c=0x3060a0:s=64x64:d=1 -frames:v 1 cover.png")));
        QVERIFY2(cover.isEmpty(), qPrintable(cover));
    }

    void decodesAsSoundfileDoes_data() {
        QTest::addColumn<QString>("name");
        for (const CorpusFile& file : corpus())
            QTest::newRow(qPrintable(file.name)) << file.name;
    }

    void decodesAsSoundfileDoes() {
        QFETCH(QString, name);
        const CorpusFile& file = *corpusFile(name);
        const QString problem = ensureCorpusFile(file);
        if (!problem.isEmpty())
            QFAIL(qPrintable(problem));
        const QString path = QDir(folder()).filePath(name);
        QFile written(path);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray bytes = written.readAll();
        for (const QByteArray& expected : file.mustContain)
            QVERIFY2(bytes.contains(expected), "the tool did not write " + expected);
        for (const QByteArray& unexpected : file.mustLack)
            QVERIFY2(!bytes.contains(unexpected), "the tool unexpectedly wrote " + unexpected);

        Reference reference;
        const QString referenceProblem = readReference(folder(), name, reference);
        if (!referenceProblem.isEmpty())
            QFAIL(qPrintable(referenceProblem));
        QCOMPARE(reference.rateHz, file.rateHz);
        QCOMPARE(reference.channels, file.channels);
        QCOMPARE(qint64(reference.mono.size()), reference.frames);
        if (reference.headerFrames != reference.frames)
            qInfo("%s: libsndfile's header says %lld frames, it decodes %lld", qPrintable(name),
                  reference.headerFrames, reference.frames);

        // The header read that scan and the app's tree use: soundfile's frame count, or a
        // flagged estimate for an MP3 without a length tag (sox, ffmpeg -write_xing 0).
        const auto header = readAudioInfo(path.toStdString());
        QVERIFY2(header.ok(), header.ok() ? "" : header.error().message.c_str());
        const bool lengthIsEstimate = file.estimated;
        QCOMPARE(header->framesExact, !lengthIsEstimate);
        if (!lengthIsEstimate)
            QCOMPARE(qint64(header->frames), reference.frames);

        // At the native rate nothing is resampled: soundfile's samples and their float32 mean.
        const auto loaded = loadAudio(path.toStdString(), file.rateHz);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
        QCOMPARE(loaded->native.sampleRateHz, file.rateHz);
        QCOMPARE(loaded->native.channels, file.channels);
        QCOMPARE(loaded->sampleRateHz, file.rateHz);
        QCOMPARE(qint64(loaded->samples.size()), reference.frames);
        double worst = 0.0;
        std::size_t worstAt = 0;
        for (std::size_t i = 0; i < reference.mono.size(); ++i) {
            const double difference = std::abs(double(loaded->samples[i]) - reference.mono[i]);
            if (difference > worst)
                std::tie(worst, worstAt) = std::tuple(difference, i);
        }
        QVERIFY2(worst <= kLoadedSampleTolerance,
                 qPrintable(QString("max |cepstra - soundfile| = %1 at sample %2 (%3 vs %4)")
                                .arg(worst)
                                .arg(worstAt)
                                .arg(loaded->samples[worstAt])
                                .arg(reference.mono[worstAt])));
        // A clip is a clip: nothing decodes to silence or to NaN.
        QVERIFY(std::all_of(loaded->samples.begin(), loaded->samples.end(),
                            [](float x) { return std::isfinite(x); }));
        QVERIFY(*std::max_element(loaded->samples.begin(), loaded->samples.end()) > 0.1f);

        // Resampled: librosa's length, ceil(n * sr / sr_native).
        const int targetHz = file.rateHz == 22050 ? 44100 : 22050;
        const auto resampled = loadAudio(path.toStdString(), targetHz);
        QVERIFY2(resampled.ok(), resampled.ok() ? "" : resampled.error().message.c_str());
        QCOMPARE(resampled->sampleRateHz, targetHz);
        QCOMPARE(qint64(resampled->samples.size()),
                 qint64(std::ceil(double(reference.frames) * targetHz / file.rateHz)));
    }

    void damagedFilesFailWithAReason_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<Damage>("damage");
        QTest::addColumn<QString>("expectedMessage"); // "" accepts any non-empty message
        for (const CorpusFile& file : corpus()) {
            const QByteArray row = file.name.toUtf8();
            const bool exact = file.cut == CutShort::TruncatedAudio;
            const QString truncated = exact ? "truncated audio" : "";
            // libsndfile's CAF and W64 parsers refuse a file without samples outright.
            const bool refusesEmpty = file.name.endsWith(".caf") || file.name.endsWith(".w64");
            QTest::newRow(row + " zero bytes") << file.name << Damage::ZeroBytes << "";
            QTest::newRow(row + " header only")
                << file.name << Damage::HeaderOnly << (refusesEmpty ? "" : truncated);
            QTest::newRow(row + " cut inside the header")
                << file.name << Damage::CutInsideHeader << "";
            QTest::newRow(row + " garbage after magic")
                << file.name << Damage::GarbageAfterMagic << "";
            // Random bytes are valid PCM after a header; in a coded stream they are not.
            if (isCodedStream(file))
                QTest::newRow(row + " garbage after header")
                    << file.name << Damage::GarbageAfterHeader << "";
            if (file.cut != CutShort::Accepted)
                QTest::newRow(row + " cut mid-samples")
                    << file.name << Damage::CutMidSamples
                    << (file.name.endsWith(".caf") ? "malformed" : truncated);
            // The chunks appended after the samples take the cut there.
            if (exact && file.edit != Edit::OddChunks)
                QTest::newRow(row + " cut by four bytes")
                    << file.name << Damage::CutLastFrame << truncated;
            // libFLAC loses sync and says so; Vorbis and Opus skip a bad page, as soundfile does.
            if (file.name.endsWith(".flac"))
                QTest::newRow(row + " corrupt in the middle")
                    << file.name << Damage::CorruptMiddle << "lost sync";
        }
    }

    void damagedFilesFailWithAReason() {
        QFETCH(QString, name);
        QFETCH(Damage, damage);
        QFETCH(QString, expectedMessage);
        const QString problem = ensureCorpusFile(*corpusFile(name));
        if (!problem.isEmpty())
            QFAIL(qPrintable(problem));
        QFile intact(QDir(folder()).filePath(name));
        QVERIFY(intact.open(QIODevice::ReadOnly));
        const QByteArray bytes = intact.readAll();
        const qsizetype header = headerLength(bytes);
        QVERIFY2(header > 0 && header < bytes.size() / 2, qPrintable(QString::number(header)));

        QByteArray damaged;
        switch (damage) {
        case Damage::ZeroBytes:
            break;
        case Damage::HeaderOnly:
            damaged = bytes.left(header);
            break;
        case Damage::CutInsideHeader:
            damaged = bytes.left(header / 2);
            break;
        case Damage::CutLastFrame:
            damaged = bytes.left(bytes.size() - 4);
            break;
        case Damage::CorruptMiddle:
            damaged = bytes;
            damaged.replace(header + (bytes.size() - header) / 2, 16, QByteArray(16, char(0xFF)));
            break;
        case Damage::GarbageAfterMagic:
            damaged = withGarbageAfter(bytes, magicLength(bytes));
            break;
        case Damage::GarbageAfterHeader:
            damaged = withGarbageAfter(bytes, header);
            break;
        case Damage::CutMidSamples:
            damaged = bytes.left(header + (bytes.size() - header) / 2 + 1);
            break;
        }
        QTemporaryDir work;
        const QString path = work.filePath(name);
        QVERIFY(writeBytes(path, damaged));
        const auto loaded = loadAudio(path.toStdString(), 22050);
        QVERIFY2(!loaded.ok(), qPrintable(QString("loaded %1 samples at 22050 Hz without complaint")
                                              .arg(loaded.ok() ? loaded->samples.size() : 0)));
        const QString message = QString::fromStdString(loaded.error().message);
        QVERIFY(!message.isEmpty());
        QVERIFY2(message.contains(expectedMessage), qPrintable(message));
    }

    /// `scan --format json` over the whole corpus: every file readable, and exactly the MP3s
    /// without a length tag flagged as estimates.
    void scanFlagsEstimatedLengths() {
        QTemporaryDir work;
        const QString input = work.filePath("corpus");
        QVERIFY(QDir().mkpath(input + "/foreign"));
        QStringList expectedEstimates;
        for (const CorpusFile& file : corpus()) {
            const QString problem = ensureCorpusFile(file);
            if (!problem.isEmpty())
                QFAIL(qPrintable(problem));
            QVERIFY(
                QFile::copy(QDir(folder()).filePath(file.name), input + "/foreign/" + file.name));
            if (file.estimated)
                expectedEstimates << "foreign/" + file.name;
        }
        QCOMPARE(expectedEstimates.size(), 7);
        const CliRun scan = runCli({"scan", input, "--format", "json"});
        QCOMPARE(scan.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(scan.standardOutput.toUtf8()).object();
        QCOMPARE(report["files"].toInt(), int(corpus().size()));
        QCOMPARE(report["unreadable"].toArray().size(), 0);
        QStringList estimates;
        for (const auto& path : report["estimated_durations"].toArray())
            estimates << path.toString();
        estimates.sort();
        expectedEstimates.sort();
        QCOMPARE(estimates, expectedEstimates);
    }

    /// Every corpus file through `run`: processed, none failed.
    void cliRunsTheWholeCorpus() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(QDir().mkpath(input + "/foreign"));
        for (const CorpusFile& file : corpus()) {
            const QString problem = ensureCorpusFile(file);
            if (!problem.isEmpty())
                QFAIL(qPrintable(problem));
            QVERIFY(
                QFile::copy(QDir(folder()).filePath(file.name), input + "/foreign/" + file.name));
        }
        const CliRun run = runCli({"run", input, output, "--progress", "none"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError.left(2000)));
        for (const CorpusFile& file : corpus()) {
            const QString stem = QFileInfo(file.name).completeBaseName();
            QVERIFY2(QFile::exists(output + "/foreign/" + stem + "_mfcc.npy"), qPrintable(stem));
        }
    }

    /// Issue #8's black-box run: a label folder of sox-written CBR MP3s (no Xing header).
    void cliRunsAFolderOfSoxMp3s() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(QDir().mkpath(input + "/tones"));
        constexpr int kClips = 50;
        for (int i = 0; i < kClips; ++i) {
            const QString clip = QString("clip%1.mp3").arg(i, 2, 10, QChar('0'));
            const QString problem = runProgram(
                input + "/tones", {"sox", "-n", "-r", "44100", "-c", "2", "-C", "192", clip,
                                   "synth", "1", "sine", QString::number(200 + 37 * i), "sine",
                                   QString::number(3000 - 41 * i), "gain", "-6"});
            if (!problem.isEmpty())
                QFAIL(qPrintable(problem));
        }
        const CliRun run = runCli({"run", input, output, "--progress", "none"});
        QVERIFY2(run.exitCode == 0,
                 qPrintable(QString("exit %1\n%2\n%3")
                                .arg(run.exitCode)
                                .arg(run.standardOutput.left(2000), run.standardError.left(2000))));
        for (int i = 0; i < kClips; ++i) {
            const QString npy =
                QString("%1/tones/clip%2_mfcc.npy").arg(output).arg(i, 2, 10, QChar('0'));
            QVERIFY2(QFile::exists(npy), qPrintable(npy));
        }
    }
};

QTEST_GUILESS_MAIN(TestForeignAudio)
#include "tst_foreign_audio.moc"
