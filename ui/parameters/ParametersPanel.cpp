// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/parameters/ParametersPanel.h"

#include "core/features/ConfigParameters.h"
#include "ui/parameters/ParameterEditor.h"
#include "ui/widgets/ErrorLabel.h"
#include "ui/widgets/PathText.h"

#include <nlohmann/json.hpp>

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSaveFile>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace cepstra::ui {
namespace {

/// The tooltip of a key's label and field: its doc, what it accepts, and what null means.
QString tooltipFor(const ParameterSpec& spec) {
    QString tip = QStringLiteral("<b>%1</b>: %2")
                      .arg(toQString(spec.key), toQString(spec.doc).toHtmlEscaped());
    if (spec.isNumeric())
        tip += "<br>" + QObject::tr("Accepts %1.").arg(QString::fromStdString(describeRange(spec)));
    if (spec.nullable())
        tip += "<br>" + QObject::tr("Empty means %1.").arg(toQString(spec.nullMeaning));
    if (!spec.hint.empty())
        tip += "<br>" + toQString(spec.hint).toHtmlEscaped();
    return tip;
}

} // namespace

/// One edit, or a run of keystrokes in one field, as an undo step.
class ParameterChange : public QUndoCommand {
public:
    ParameterChange(ParametersPanel& panel, QString key, ParametersPanel::Snapshot before,
                    ParametersPanel::Snapshot after)
        : QUndoCommand(QObject::tr("change %1").arg(key))
        , m_panel(panel)
        , m_key(std::move(key))
        , m_before(std::move(before))
        , m_after(std::move(after)) {}
    void undo() override { m_panel.restore(m_before); }
    void redo() override {
        if (!m_first)
            m_panel.restore(m_after);
        m_first = false;
    }
    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand* other) override {
        const auto* next = static_cast<const ParameterChange*>(other);
        if (next->m_key != m_key || m_key.isEmpty())
            return false; // typing "256" into one field is one step; a new field starts another
        m_after = next->m_after;
        return true;
    }

private:
    ParametersPanel& m_panel;
    QString m_key;
    ParametersPanel::Snapshot m_before, m_after;
    bool m_first = true; ///< the edit is already on screen when the command is pushed
};

std::vector<Preset> builtInPresets() {
    std::vector<Preset> presets;
    const QDir directory(":/presets");
    for (const QString& name : directory.entryList({"*.json"}, QDir::Files, QDir::Name)) {
        QFile file(directory.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const auto document = nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
        FeatureConfig config;
        if (document.is_discarded() || !document.contains("config") ||
            !applyConfigJson(config, document["config"]).ok())
            continue;
        presets.push_back(
            {QString::fromStdString(document.value("name", name.toStdString())), config});
    }
    return presets;
}

ParametersPanel::ParametersPanel(QWidget* parent)
    : QWidget(parent)
    , m_presets(new QComboBox)
    , m_problemLabel(makeErrorLabel())
    , m_undo(new QUndoStack(this)) {
    m_presets->setToolTip(tr("Start from a common configuration; any change makes it Custom"));
    m_presets->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_presets->setMinimumContentsLength(12);
    m_presets->addItem(tr("Custom"));
    m_presetList = builtInPresets();
    for (const auto& preset : m_presetList)
        m_presets->addItem(preset.name);
    connect(m_presets, &QComboBox::activated, this, &ParametersPanel::applyPreset);

    for (const ParameterSpec& spec : parameterTable()) {
        auto editor = std::make_unique<ParameterEditor>(spec);
        const QString key = toQString(spec.key);
        editor->widget()->setToolTip(tooltipFor(spec));
        connect(editor.get(), &ParameterEditor::edited, this, [this, key] {
            if (key != m_editingKey) { // a new edit starts from what was there
                m_editingKey = key;
                if (isValid())
                    m_settled = m_config;
            }
            Snapshot before = m_lastState;
            refresh();
            recordEdit(key, std::move(before));
        });
        connect(editor.get(), &ParameterEditor::editingFinished, this, [this] {
            m_editingKey.clear();
            if (isValid())
                m_settled = m_config;
        });
        m_editors.push_back(std::move(editor));
    }

    auto* advancedToggle = new QToolButton;
    advancedToggle->setText(tr("Advanced"));
    advancedToggle->setCheckable(true);
    advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    advancedToggle->setArrowType(Qt::RightArrow);
    advancedToggle->setAutoRaise(true);
    m_advanced = buildFields(false);
    m_advanced->setVisible(false);
    connect(advancedToggle, &QToolButton::toggled, this, [this, advancedToggle](bool open) {
        m_advanced->setVisible(open);
        advancedToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        showProblems();
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* presetRow = new QHBoxLayout;
    presetRow->addWidget(new QLabel(tr("Preset")));
    presetRow->addWidget(m_presets, 1);
    layout->addLayout(presetRow);
    layout->addWidget(m_problemLabel); // on top: never below the fold
    layout->addWidget(buildFields(true));
    layout->addWidget(advancedToggle);
    layout->addWidget(m_advanced);
    layout->addStretch(1);
    setConfig(FeatureConfig{});
    m_undo->clear();
}

ParametersPanel::~ParametersPanel() = default;

QWidget* ParametersPanel::buildFields(bool basic) {
    auto* box = new QGroupBox(basic ? tr("Features") : QString());
    auto* form = new QFormLayout(box);
    // A narrow panel puts a field under its label rather than cutting its arrows off.
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const auto& editor : m_editors) {
        const ParameterSpec& spec = editor->spec();
        if (spec.basic != basic)
            continue;
        const QString key = toQString(spec.key);
        if (spec.type == SettingType::Boolean) {
            form->addRow(QString(), editor->widget()); // the check box carries the key
        } else {
            auto* label = new QLabel(key);
            label->setToolTip(tooltipFor(spec));
            label->setBuddy(editor->widget());
            label->setWordWrap(true);
            m_labels[key] = label;
            form->addRow(label, editor->widget());
        }
        // What is wrong with the field, right beneath it, wrapped to the panel's width.
        QLabel* error = makeErrorLabel();
        error->setObjectName(key + "-error");
        m_errors[key] = error;
        form->addRow(error);
    }
    return box;
}

ParametersPanel::Snapshot ParametersPanel::snapshot() const {
    Snapshot state;
    for (const auto& editor : m_editors)
        state[toQString(editor->spec().key)] = editor->state();
    return state;
}

void ParametersPanel::restore(const Snapshot& state) {
    m_editingKey.clear();
    m_restoring = true;
    for (const auto& editor : m_editors)
        if (auto found = state.find(toQString(editor->spec().key)); found != state.end())
            editor->setState(found->second);
    m_restoring = false;
    m_presets->setCurrentIndex(0);
    refresh();
}

void ParametersPanel::recordEdit(const QString& key, Snapshot before) {
    m_presets->setCurrentIndex(0); // editing by hand leaves the preset
    m_undo->push(new ParameterChange(*this, key, std::move(before), m_lastState));
}

void ParametersPanel::setConfig(const FeatureConfig& config) {
    m_editingKey.clear(); // a whole config: nothing is half-typed
    const Snapshot before = snapshot();
    const nlohmann::json values = toJson(config);
    for (const auto& editor : m_editors)
        editor->setValue(values.at(std::string(editor->spec().key)));
    refresh();
    if (!m_restoring && before != m_lastState)
        m_undo->push(new ParameterChange(*this, QString(), before, m_lastState));
}

void ParametersPanel::refresh() {
    FeatureConfig config;
    std::vector<ConfigProblem> problems;
    for (const auto& editor : m_editors) {
        const std::string key(editor->spec().key);
        auto value = editor->value();
        if (!value)
            problems.push_back({key, value.error().message});
        else
            editor->spec().set(config, *value);
    }
    for (auto& problem : validate(config))
        if (std::none_of(problems.begin(), problems.end(),
                         [&](const ConfigProblem& known) { return known.key == problem.key; }))
            problems.push_back(std::move(problem));
    for (const auto& editor : m_editors)
        editor->setInvalid(
            std::any_of(problems.begin(), problems.end(),
                        [&](const ConfigProblem& p) { return p.key == editor->spec().key; }));
    m_config = config;
    m_problems = std::move(problems);
    m_lastState = snapshot();
    if (m_problems.empty() && m_editingKey.isEmpty())
        m_settled = m_config;
    showProblems();
    updateUnitLabels();
    emit configChanged(m_config, m_problems.empty());
}

void ParametersPanel::showProblems() {
    std::map<QString, QStringList> byKey;
    for (const auto& problem : m_problems)
        byKey[toQString(problem.key)] << QString::fromStdString(problem.message);
    QStringList outOfSight;
    for (const auto& [key, label] : m_errors) {
        const QStringList messages = byKey.count(key) ? byKey[key] : QStringList();
        showError(*label, messages.join('\n'));
        if (!messages.isEmpty() && !label->parentWidget()->isVisibleTo(this))
            outOfSight << tr("Under Advanced: %1").arg(messages.join("; "));
        byKey.erase(key);
    }
    for (const auto& [key, messages] : byKey)
        outOfSight << messages; // a problem of no single field
    showError(*m_problemLabel, outOfSight.join('\n'));
}

void ParametersPanel::updateUnitLabels() {
    // Units in the labels; lengths in samples also in milliseconds at the current sr.
    for (const auto& editor : m_editors) {
        const ParameterSpec& spec = editor->spec();
        auto found = m_labels.find(toQString(spec.key));
        if (found == m_labels.end())
            continue;
        QString text = toQString(spec.key);
        if (spec.unit == "samples") {
            const auto value = editor->value();
            const int rate = m_config.sampleRateHz;
            if (value && value->is_number() && rate > 0)
                text +=
                    tr(" (samples, %1 ms)").arg(value->get<double>() * 1000.0 / rate, 0, 'f', 1);
            else
                text += tr(" (samples)");
        } else if (!spec.unit.empty()) {
            text += " (" + toQString(spec.unit) + ")";
        }
        found->second->setText(text);
    }
}

QStringList ParametersPanel::problems() const {
    QStringList messages;
    for (const auto& problem : m_problems)
        messages << QString::fromStdString(problem.message);
    return messages;
}

void ParametersPanel::applyPreset(int index) {
    if (index <= 0 || index > int(m_presetList.size()))
        return;
    setConfig(m_presetList[std::size_t(index - 1)].config);
    m_presets->setCurrentIndex(index);
}

QString ParametersPanel::loadConfigFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tr("Cannot read %1: %2").arg(path, file.errorString());
    FeatureConfig loaded;
    if (auto status = applyConfigText(loaded, file.readAll().toStdString()); !status)
        return tr("%1 is not a valid Cepstra config: %2")
            .arg(path, QString::fromStdString(status.error().message));
    setConfig(loaded);
    m_presets->setCurrentIndex(0);
    return {};
}

QString ParametersPanel::saveConfigFile(const QString& path) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    file.write(QByteArray::fromStdString(toJson(config()).dump(2) + "\n"));
    if (!file.commit())
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

QLabel* ParametersPanel::errorFor(const QString& key) const {
    const auto found = m_errors.find(key);
    return found == m_errors.end() ? nullptr : found->second;
}

QWidget* ParametersPanel::editorFor(const QString& key) const {
    for (const auto& editor : m_editors)
        if (toQString(editor->spec().key) == key)
            return editor->widget();
    return nullptr;
}

} // namespace cepstra::ui
