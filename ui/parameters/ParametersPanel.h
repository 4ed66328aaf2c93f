// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/features/FeatureConfig.h"

#include <QWidget>

#include <map>
#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QUndoStack;

namespace cepstra::ui {

class ParameterEditor;

/// A named configuration from resources/presets/*.json.
struct Preset {
    QString name;
    FeatureConfig config;
};

/// The presets shipped in the app's resources, in file-name order.
std::vector<Preset> builtInPresets();

/// Every FeatureConfig key as a form, built from the core's parameter table: the basic keys up
/// front, the rest under Advanced, each label with its unit and the key's doc as a tooltip.
/// The config is what the fields say from the keystroke on: config(), the preview, Run, Save
/// and the dirty state all read the same one, and a half-typed value makes it invalid with
/// the core's message. Edits can be undone (Ctrl+Z) and redone (Ctrl+Shift+Z). UI thread only.
class ParametersPanel : public QWidget {
    Q_OBJECT

public:
    explicit ParametersPanel(QWidget* parent = nullptr);
    ~ParametersPanel() override;

    FeatureConfig config() const { return m_config; }
    /// While the fields hold an invalid config: the valid one from before the edit that made
    /// it invalid (what the preview keeps showing, marked stale). Otherwise config().
    FeatureConfig settledConfig() const { return isValid() ? m_config : m_settled; }
    void setConfig(const FeatureConfig& config);
    bool isValid() const { return m_problems.empty(); }
    /// The core's messages for the current values; empty when valid.
    QStringList problems() const;

    /// Loads or saves a config file; errors are returned as text for a dialog.
    QString loadConfigFile(const QString& path);
    QString saveConfigFile(const QString& path) const;

    /// For tests and shortcuts: the widget editing a JSON key.
    QWidget* editorFor(const QString& key) const;
    /// The line beneath a key's field that says what is wrong with it (hidden when nothing).
    QLabel* errorFor(const QString& key) const;
    QUndoStack& undoStack() { return *m_undo; }

signals:
    void configChanged(const cepstra::FeatureConfig& config, bool valid);

private:
    friend class ParameterChange;
    using Snapshot = std::map<QString, QString>; ///< key -> editor state

    QWidget* buildFields(bool basic);
    void applyPreset(int index);
    /// Reads every editor into the config and its problems, and tells the world.
    void refresh();
    void showProblems();
    void updateUnitLabels();
    Snapshot snapshot() const;
    void restore(const Snapshot& state);
    void recordEdit(const QString& key, Snapshot before);

    std::vector<std::unique_ptr<ParameterEditor>> m_editors;
    std::map<QString, QLabel*> m_labels;
    std::map<QString, QLabel*> m_errors; ///< key -> the line beneath its field
    QComboBox* m_presets;
    QWidget* m_advanced = nullptr;
    QLabel* m_problemLabel; ///< problems of fields out of sight (Advanced closed)
    QUndoStack* m_undo;
    FeatureConfig m_config;
    FeatureConfig m_settled;
    QString m_editingKey; ///< the field being typed into; empty after a whole-config change
    std::vector<ConfigProblem> m_problems;
    std::vector<Preset> m_presetList;
    Snapshot m_lastState; ///< what the editors held before the edit being recorded
    bool m_restoring = false;
};

} // namespace cepstra::ui
