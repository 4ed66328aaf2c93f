// SPDX-License-Identifier: GPL-3.0-or-later
// Paths are bytes: dumpJson must equal nlohmann's dump for valid UTF-8, write any other byte
// as Python's surrogateescape reads it, and parseJsonStringArray must give the bytes back.
#include "core/util/JsonText.h"
#include "tests/support/TestPaths.h"

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QtTest>

#include <random>

using namespace cepstra;

namespace {

std::string randomBytes(std::mt19937& generator, std::size_t length) {
    std::uniform_int_distribution<int> byte(0, 255);
    std::string bytes(length, '\0');
    for (char& c : bytes)
        c = char(byte(generator));
    return bytes;
}

} // namespace

class TestJsonText : public QObject {
    Q_OBJECT

private slots:
    void validTextIsDumpedAsNlohmannDoes() {
        const nlohmann::json document = {
            {"path", "blues/blues.00000.au"},
            {"unicode", "Ünïcødé ♫ 𝄞"},
            {"controls", "tab\there\nnew \"quote\" back\\slash \x01\x1f\x7f"},
            {"numbers", {0, -1, 2.5, 1e-300, 123456789012345LL}},
            {"nested", {{"empty", nlohmann::json::object()}, {"list", nlohmann::json::array()}}},
            {"flags", {true, false, nullptr}}};
        QCOMPARE(dumpJson(document), document.dump());
        QCOMPARE(dumpJson(document, 2), document.dump(2));
        QCOMPARE(dumpJson(document, 1), document.dump(1));
    }

    void invalidBytesRoundTripThroughPython() {
        std::mt19937 generator(9);
        std::vector<std::string> names{"caf\xe9",
                                       "\xff\xfe",
                                       "ok",
                                       "\xed\xa0\x80 surrogate",
                                       "\xc0\xaf overlong",
                                       "\xf4\x90\x80\x80 too high"};
        for (int i = 0; i < 50; ++i)
            names.push_back(randomBytes(generator, std::size_t(1 + i % 17)));
        const std::string text = dumpJson(nlohmann::json(names));
        QVERIFY(isValidUtf8(text));

        auto parsed = parseJsonStringArray(text);
        QVERIFY(parsed.ok());
        QCOMPARE(*parsed, names);

        // Python's json and os.fsencode give back the same bytes.
        QProcess python;
        python.start(cepstra::test::numpyPython(),
                     {"-c", "import json, os, sys\n"
                            "for name in json.loads(sys.stdin.read()):\n"
                            "    print(os.fsencode(name).hex())\n"});
        python.write(QByteArray::fromStdString(text));
        python.closeWriteChannel();
        QVERIFY(python.waitForFinished(30000));
        const QStringList hex =
            QString::fromLatin1(python.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(hex.size(), int(names.size()));
        for (std::size_t i = 0; i < names.size(); ++i)
            QCOMPARE(hex[int(i)], QString(QByteArray::fromStdString(names[i]).toHex()));
    }

    void malformedArraysAreRefused_data() {
        QTest::addColumn<QString>("text");
        for (const char* text : {"", "[", "[\"a\"", "[\"a\",]", "{\"a\": 1}", "[1]", "[\"\\x\"]",
                                 "[\"\\udc00\"]", "[\"\\ud800\"]", "[\"a\"] trailing"})
            QTest::newRow(text) << QString(text);
    }
    void malformedArraysAreRefused() {
        QFETCH(QString, text);
        const auto parsed = parseJsonStringArray(text.toStdString());
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().kind, ErrorKind::Malformed);
    }

    void displayTextShowsBadBytes() {
        QCOMPARE(displayText("caf\xe9/a.wav"), std::string("caf\\xE9/a.wav"));
        QCOMPARE(displayText("Ünï"), std::string("Ünï"));
        // A line break or a tab in a name cannot break the line it is shown on.
        QCOMPARE(displayText("a\nb\tc\x7f.wav"), std::string("a\\x0Ab\\x09c\\x7F.wav"));
        QVERIFY(!isValidUtf8("caf\xe9"));
        QVERIFY(isValidUtf8("café"));
    }
};

QTEST_GUILESS_MAIN(TestJsonText)
#include "tst_json_text.moc"
