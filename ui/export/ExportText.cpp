// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/ExportText.h"

#include "ui/widgets/PathText.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>
#include <QStringList>

#include <map>

namespace cepstra::ui {
namespace {

QString shapeText(const std::vector<long long>& shape) {
    QStringList parts;
    for (long long size : shape)
        parts << QString::number(size);
    return "(" + parts.join(", ") + ")";
}

} // namespace

QString formWording(std::string_view coreMessage) {
    QString text = toQString(coreMessage);
    static const QRegularExpression splitSum(
        QStringLiteral("--split fractions sum to ([0-9.eE+-]+), not 1"));
    if (const auto match = splitSum.match(text); match.hasMatch())
        text.replace(match.capturedStart(), match.capturedLength(),
                     QObject::tr("Split fractions add up to %1, not 1")
                         .arg(QLocale::c().toDouble(match.captured(1)), 0, 'g', 6));
    // Longest first, so that "--split-lists" is not read as "--split".
    static const std::pair<const char*, const char*> kFields[] = {
        {"add --compression gzip", "choose compression gzip"},
        {"--frames N", "a fixed length"},
        {"--split-lists", "Split lists"},
        {"--segment-hop", "hop"},
        {"--exclude-list", "the list of clips to leave out"},
        {"--pad-value", "Pad value"},
        {"--compression", "compression"},
        {"--features", "Features"},
        {"--scaler", "Scaler"},
        {"--frames", "Fixed length"},
        {"--split", "Split"},
        {"--align", "align"},
        {"--seed", "seed"},
        {"--fit", "fit"},
        {"another DEST", "another file"},
        {"DEST", "the file"},
    };
    for (const auto& [option, field] : kFields)
        text.replace(QLatin1String(option), QObject::tr(field));
    return text.isEmpty() ? text : text.front().toUpper() + text.mid(1);
}

QString planHtml(const ExportPlan& plan, const QString& fileName) {
    QString html = QObject::tr("<b>%1</b>, %2 %3%4, about %5:")
                       .arg(fileName.toHtmlEscaped(), toQString(toString(plan.format)),
                            toQString(toString(plan.options.dtype)),
                            plan.ragged() ? QObject::tr(", whole clips (ragged)") : QString(),
                            QLocale().formattedDataSize(qint64(plan.estimatedBytes)));
    html += "<ul>";
    for (const ExportSplit& split : plan.splits) {
        QStringList shapes;
        for (std::size_t f = 0; f < plan.features.size(); ++f)
            shapes << QString::fromStdString(plan.features[f].name) + " " +
                          shapeText(plan.shapeOf(split, f));
        html += QObject::tr("<li><b>%1</b>: %2 clips, %3 examples; %4</li>")
                    .arg(QString::fromStdString(split.name))
                    .arg(split.clips.size())
                    .arg(split.examples)
                    .arg(shapes.join(", "));
    }
    html += "</ul>";
    std::map<std::string, int> reasons;
    for (const ExcludedClip& clip : plan.excluded)
        ++reasons[std::string(toString(clip.reason))];
    if (!reasons.empty()) {
        QStringList parts;
        for (const auto& [reason, count] : reasons)
            parts << QObject::tr("%1 %2").arg(count).arg(toQString(reason).toHtmlEscaped());
        html += QObject::tr("Left out: %1.").arg(parts.join("; "));
    }
    return html;
}

QString loadingCode(const ExportPlan& plan) {
    if (plan.splits.empty() || plan.features.empty())
        return {};
    const QString path = QFile::decodeName(plan.options.destination.c_str());
    const QString split = QString::fromStdString(plan.splits.front().name);
    const QString feature = QString::fromStdString(plan.features.front().name);
    QString code;
    if (plan.format == ExportFormat::Hdf5) {
        code = QStringLiteral("import h5py\n\nwith h5py.File(%1, \"r\") as f:\n"
                              "    names = [n.decode() for n in f[\"label_names\"][()]]\n"
                              "    x = f[\"%2/%3\"][()]\n    y = f[\"%2/label\"][()]\n")
                   .arg(QStringLiteral("r\"%1\"").arg(path), split, feature);
        if (plan.ragged())
            code += QStringLiteral("    offsets = f[\"%1/offsets\"][()]\n"
                                   "    clip0 = x[:, offsets[0]:offsets[1]]\n")
                        .arg(split);
    } else {
        code = QStringLiteral("import numpy as np\n\nz = np.load(%1)\nnames = z[\"label_names\"]\n"
                              "x, y = z[\"%2_%3\"], z[\"%2_label\"]\n")
                   .arg(QStringLiteral("r\"%1\"").arg(path), split, feature);
        if (plan.ragged())
            code +=
                QStringLiteral("offsets = z[\"%1_offsets\"]\nclip0 = x[:, offsets[0]:offsets[1]]\n")
                    .arg(split);
    }
    return code + QStringLiteral("print(x.shape, names[y[0]])\n");
}

} // namespace cepstra::ui
