// SPDX-License-Identifier: GPL-3.0-or-later
// The NPY writer against numpy.save itself, byte for byte, and the reader's refusals.
#include "core/io/Npy.h"
#include "tests/support/TestPaths.h"

#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace cepstra;

namespace {

/// Runs a Python snippet with Debian's numpy; fails the test if numpy is missing.
QByteArray runNumpy(const QString& script, const QStringList& arguments = {}) {
    QProcess python;
    python.start(test::numpyPython(), QStringList{"-c", script} + arguments);
    if (!python.waitForFinished(60000) || python.exitCode() != 0)
        qFatal("python3 with numpy failed (install python3-numpy): %s",
               python.readAllStandardError().constData());
    return python.readAllStandardOutput();
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

std::vector<long long> parseShape(const QString& text) {
    std::vector<long long> shape;
    for (const QString& part : text.split(',', Qt::SkipEmptyParts))
        shape.push_back(part.toLongLong());
    return shape;
}

// The same values in C++ and numpy: (arange(n) * 0.37 - 5) in double, rounded to float32.
std::vector<float> rampValues(long long count) {
    std::vector<float> values(static_cast<std::size_t>(count));
    for (long long i = 0; i < count; ++i)
        values[std::size_t(i)] = float(double(i) * 0.37 - 5.0);
    return values;
}

const char* kSaveRamp = R"(
import sys, numpy as np
shape = tuple(int(x) for x in sys.argv[2].split(',') if x)
n = int(np.prod(shape)) if shape else 1
np.save(sys.argv[1], (np.arange(n) * 0.37 - 5).astype(np.float32).reshape(shape))
)";

} // namespace

class TestNpy : public QObject {
    Q_OBJECT

private slots:
    void writerMatchesNumpySave_data() {
        QTest::addColumn<QString>("shape");
        QTest::newRow("mel 128x1293") << "128,1293";
        QTest::newRow("mfcc 20x130") << "20,130";
        QTest::newRow("single 1x1") << "1,1";
        QTest::newRow("vector 5") << "5";
        QTest::newRow("empty 0x7") << "0,7";
        QTest::newRow("long axis 123456x2") << "123456,2";
        QTest::newRow("three axes 3x4x5") << "3,4,5";
        QTest::newRow("scalar") << "";
    }

    void writerMatchesNumpySave() {
        QFETCH(QString, shape);
        QTemporaryDir directory;
        const QString numpyPath = directory.filePath("numpy.npy");
        runNumpy(kSaveRamp, {numpyPath, shape});
        const auto dimensions = parseShape(shape);
        long long count = 1;
        for (long long d : dimensions)
            count *= d;
        const auto values = rampValues(count);
        const std::string ours = encodeNpy(values.data(), dimensions);
        const QByteArray theirs = readAll(numpyPath);
        QCOMPARE(QByteArray::fromStdString(ours), theirs);
        QCOMPARE(int(ours.size() - std::size_t(count) * 4) % 64, 0);
    }

    void writeNpyWritesTheFileAtomically() {
        QTemporaryDir directory;
        FeatureMatrix matrix(2, 3);
        matrix << 1, 2, 3, 4, 5, 6;
        const QString path = directory.filePath("m.npy");
        QVERIFY(writeNpy(path.toStdString(), matrix).ok());
        QCOMPARE(QDir(directory.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{"m.npy"});
        const QByteArray check = runNumpy("import sys, numpy as np; a = np.load(sys.argv[1]); "
                                          "print(a.dtype, a.shape, a.tolist())",
                                          {path});
        QCOMPARE(check.trimmed(), QByteArray("float32 (2, 3) [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]"));
    }

    /// The rename would replace a FIFO or a folder at the name: refused, and it stays.
    void writeNpyNeverReplacesAFifoOrAFolder() {
        QTemporaryDir directory;
        const QString fifo = directory.filePath("fifo.npy"), folder = directory.filePath("d.npy");
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0644) == 0);
        QVERIFY(QDir().mkdir(folder));
        FeatureMatrix matrix(1, 1);
        matrix << 1;
        for (const QString& path : {fifo, folder}) {
            const auto written = writeNpy(path.toStdString(), matrix);
            QVERIFY(!written.ok());
            QVERIFY2(written.error().message.find("is not a regular file") != std::string::npos,
                     written.error().message.c_str());
        }
        QVERIFY(QFileInfo(fifo).exists() && !QFileInfo(fifo).isFile());
        QVERIFY(QFileInfo(folder).isDir());
        QCOMPARE(QDir(directory.path())
                     .entryList(QDir::Files | QDir::Hidden | QDir::System | QDir::Dirs |
                                QDir::NoDotAndDotDot)
                     .size(),
                 2);
    }

    void readerReadsWhatNumpyWrites_data() {
        QTest::addColumn<QString>("dtype");
        QTest::addColumn<QString>("version");
        QTest::newRow("float32 v1") << "float32"
                                    << "(1, 0)";
        QTest::newRow("float64 v1") << "float64"
                                    << "(1, 0)";
        QTest::newRow("float32 v2") << "float32"
                                    << "(2, 0)";
    }

    void readerReadsWhatNumpyWrites() {
        QFETCH(QString, dtype);
        QFETCH(QString, version);
        QTemporaryDir directory;
        const QString path = directory.filePath("a.npy");
        runNumpy(
            QStringLiteral(
                "import sys, numpy as np\n"
                "a = (np.arange(12) * 0.37 - 5).astype(np.%1).reshape(3, 4)\n"
                "with open(sys.argv[1], 'wb') as f: np.lib.format.write_array(f, a, version=%2)\n")
                .arg(dtype, version),
            {path});
        const auto array = readNpy(path.toStdString());
        QVERIFY2(array.ok(), array.ok() ? "" : array.error().message.c_str());
        QCOMPARE(array->descr, std::string(dtype == "float32" ? "<f4" : "<f8"));
        QCOMPARE(array->shape, (std::vector<long long>{3, 4}));
        for (int i = 0; i < 12; ++i) {
            const double expected = double(i) * 0.37 - 5.0;
            QCOMPARE(array->values[std::size_t(i)],
                     dtype == "float32" ? double(float(expected)) : expected);
        }
    }

    void readerRejectsMalformedFiles_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("complaint");
        FeatureMatrix matrix(2, 2);
        matrix << 1, 2, 3, 4;
        const QByteArray good = QByteArray::fromStdString(encodeNpy(matrix));
        auto withHeader = [&](QByteArray from, QByteArray to) {
            QByteArray copy = good;
            copy.replace(from, to.leftJustified(from.size(), ' '));
            return copy;
        };
        QTest::newRow("empty") << QByteArray() << "magic";
        QTest::newRow("not npy") << QByteArray("hello, this is text") << "magic";
        QTest::newRow("version 3") << QByteArray(good).replace(6, 1, "\x03") << "version";
        QTest::newRow("truncated header") << good.left(40) << "header is truncated";
        QTest::newRow("int32") << withHeader("'<f4'", "'<i4'") << "not supported";
        QTest::newRow("big endian") << withHeader("'<f4'", "'>f4'") << "not supported";
        QTest::newRow("fortran order") << withHeader("False", "True") << "Fortran";
        QTest::newRow("no shape") << withHeader("'shape'", "'shope'") << "lacks";
        QTest::newRow("short data") << good.left(good.size() - 1) << "data bytes";
        QTest::newRow("extra data") << good + "x"
                                    << "data bytes";
        QTest::newRow("bad dimension") << withHeader("(2, 2)", "(2, x)") << "not a number";
        // Found by fuzz_npy: the shape's product overflowed a long long (UBSan).
        QTest::newRow("overflowing shape")
            << withHeader("(2, 2)", "(4294967296, 4294967296, 4294967296)") << "needs more data";
    }

    void readerRejectsMalformedFiles() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, complaint);
        const auto array =
            decodeNpy(std::string_view(bytes.constData(), std::size_t(bytes.size())));
        QVERIFY(!array.ok());
        QCOMPARE(int(array.error().kind), int(ErrorKind::Malformed));
        QVERIFY2(QString::fromStdString(array.error().message).contains(complaint),
                 array.error().message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestNpy)
#include "tst_npy.moc"
