// SPDX-License-Identifier: GPL-3.0-or-later
// Centre padding and framing against numpy running librosa 0.11's own stft() framing code,
// including the separately padded head and tail of long signals.
#include "core/dsp/Spectrogram.h"
#include "core/io/Npy.h"
#include "tests/support/TestPaths.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace cepstra;

namespace {

// librosa/core/spectrum.py stft(), center=True branch, reduced to the framing.
const char* kLibrosaFraming = R"(
import sys, numpy as np
n, n_fft, hop, mode, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
y = (np.arange(n) * 0.37 % 1.0 - 0.5).astype(np.float32)
def frame(x):
    m = 1 + (len(x) - n_fft) // hop
    return np.stack([x[i * hop:i * hop + n_fft] for i in range(m)], axis=1) if m > 0 else np.zeros((n_fft, 0), np.float32)
pad = n_fft // 2
start_k = int(np.ceil(n_fft // 2 / hop))
tail_k = (n + n_fft // 2 - n_fft) // hop + 1
if tail_k <= start_k:
    frames = frame(np.pad(y, (pad, pad), mode=mode))
else:
    start = start_k * hop - pad
    pre = frame(np.pad(y[:(start_k - 1) * hop - pad + n_fft + 1], (pad, 0), mode=mode))[:, :start_k]
    if tail_k * hop - pad + n_fft <= n + pad:
        post = frame(np.pad(y[tail_k * hop - pad:], (0, pad), mode=mode))
    else:
        post = np.zeros((n_fft, 0), np.float32)
    frames = np.concatenate([pre, frame(y[start:]), post], axis=1)
np.save(out, np.ascontiguousarray(frames, dtype=np.float32))
)";

} // namespace

class TestStftFraming : public QObject {
    Q_OBJECT

private slots:
    void framesMatchLibrosa_data() {
        QTest::addColumn<int>("length");
        QTest::addColumn<int>("nFft");
        QTest::addColumn<int>("hop");
        QTest::addColumn<QString>("mode");
        for (const char* mode : {"reflect", "constant"}) {
            QTest::addRow("%s, long, hop n_fft/4", mode) << 5000 << 512 << 128 << mode;
            QTest::addRow("%s, long, hop n_fft/2", mode) << 5000 << 512 << 256 << mode;
            QTest::addRow("%s, long, hop above n_fft/2", mode) << 5000 << 512 << 300 << mode;
            QTest::addRow("%s, long, hop n_fft", mode) << 5003 << 512 << 512 << mode;
            QTest::addRow("%s, long, hop beyond n_fft", mode) << 4999 << 256 << 700 << mode;
            QTest::addRow("%s, odd n_fft", mode) << 3001 << 513 << 200 << mode;
            // A length that is a multiple of hop >= n_fft/2 leaves a tail slice of exactly
            // n_fft/2 samples, where numpy's reflection bounces inside the slice.
            QTest::addRow("%s, tail slice of n_fft/2, hop n_fft/2", mode)
                << 5120 << 512 << 256 << mode;
            QTest::addRow("%s, tail slice of n_fft/2, hop 300", mode) << 4800 << 512 << 300 << mode;
            QTest::addRow("%s, tail slice of n_fft/2, n_fft 1024", mode)
                << 6144 << 1024 << 512 << mode;
            QTest::addRow("%s, shorter than n_fft/2", mode) << 300 << 2048 << 512 << mode;
            QTest::addRow("%s, shorter than n_fft", mode) << 1000 << 2048 << 512 << mode;
            QTest::addRow("%s, tiny hop", mode) << 900 << 64 << 1 << mode;
        }
    }

    void framesMatchLibrosa() {
        QFETCH(int, length);
        QFETCH(int, nFft);
        QFETCH(int, hop);
        QFETCH(QString, mode);
        QTemporaryDir work;
        const QString path = work.filePath("frames.npy");
        QProcess python;
        python.start(test::numpyPython(),
                     {"-c", kLibrosaFraming, QString::number(length), QString::number(nFft),
                      QString::number(hop), mode, path});
        QVERIFY(python.waitForFinished(60000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        const auto reference = readNpyMatrix(path.toStdString());
        QVERIFY(reference.ok());

        std::vector<float> signal(static_cast<std::size_t>(length));
        for (int i = 0; i < length; ++i)
            signal[std::size_t(i)] = float(std::fmod(i * 0.37, 1.0) - 0.5);
        const auto layout = layoutFrames(length, nFft, hop, true);
        QVERIFY(layout.ok());
        QCOMPARE(layout->frameCount, (long long)reference->cols());
        const PadMode padMode = mode == "reflect" ? PadMode::Reflect : PadMode::Constant;
        for (long long frame = 0; frame < layout->frameCount; ++frame)
            for (int offset = 0; offset < nFft; ++offset)
                if (paddedFrameSample(signal, *layout, padMode, frame, offset) !=
                    (*reference)(offset, frame))
                    QFAIL(qPrintable(
                        QStringLiteral("frame %1, offset %2: ours %3, librosa %4")
                            .arg(frame)
                            .arg(offset)
                            .arg(paddedFrameSample(signal, *layout, padMode, frame, offset))
                            .arg((*reference)(offset, frame))));
    }
};

QTEST_GUILESS_MAIN(TestStftFraming)
#include "tst_stft_framing.moc"
