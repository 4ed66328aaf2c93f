// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/run/ForeignOutput.h"

#include "core/batch/RunPlan.h"
#include "core/dataset/Catalog.h"

#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>

#include <filesystem>

namespace cepstra::ui {

std::optional<ForeignFeatures> foreignFeaturesIn(const QString& output, const QString& input) {
    const std::filesystem::path outputPath = QFile::encodeName(output).toStdString();
    const auto recorded = recordedInputOf(outputPath);
    if (!recorded || recorded->empty())
        return std::nullopt;
    // The core's own test: the run would be refused without startOver.
    if (checkRecordedInput(*recorded, QFile::encodeName(input).toStdString(), outputPath, false))
        return std::nullopt;
    ForeignFeatures foreign{.input = QFile::decodeName(recorded->c_str())};
    if (auto states = Catalog::readStates(outputPath))
        for (const auto& [path, state] : *states)
            foreign.clips +=
                state.state == FileState::Done || state.state == FileState::Unavailable;
    return foreign;
}

void askAboutForeignFeatures(QWidget* parent, const ForeignFeatures& foreign, const QString& input,
                             const QString& output, const QString& ownFolder,
                             std::function<void(ForeignChoice)> answer) {
    const QString other = QDir(foreign.input).dirName();
    auto* box = new QMessageBox(
        QMessageBox::Warning, QObject::tr("Another dataset's features are there"),
        QObject::tr("The output folder %1 holds the features of %2 clips of another dataset, "
                    "%3.\n\nRunning %4 into it would delete them. Run into this dataset's own "
                    "folder, %5, instead?")
            .arg(output)
            .arg(foreign.clips)
            .arg(foreign.input, input, ownFolder),
        QMessageBox::NoButton, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* own = box->addButton(QObject::tr("Use %1").arg(QDir(ownFolder).dirName()),
                                      QMessageBox::AcceptRole);
    own->setObjectName("useOwnFolder");
    QPushButton* replace =
        box->addButton(QObject::tr("Replace %1's %2 features").arg(other).arg(foreign.clips),
                       QMessageBox::DestructiveRole);
    replace->setObjectName("replaceFeatures");
    box->addButton(QMessageBox::Cancel)->setObjectName("cancel");
    box->setDefaultButton(own);
    box->setEscapeButton(QMessageBox::Cancel);
    QObject::connect(box, &QMessageBox::finished, box, [box, own, replace, answer] {
        const auto* clicked = box->clickedButton();
        answer(clicked == own       ? ForeignChoice::OwnFolder
               : clicked == replace ? ForeignChoice::Replace
                                    : ForeignChoice::Cancel);
    });
    box->open();
}

} // namespace cepstra::ui
