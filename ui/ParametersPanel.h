// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/features/FeatureConfig.h"

#include <QWidget>

#include <map>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace cepstra::ui {

/// A named configuration from resources/presets/*.json.
struct Preset {
    QString name;
    FeatureConfig config;
};

/// The presets shipped in the app's resources, in file-name order.
std::vector<Preset> builtInPresets();

/// Every FeatureConfig key as a form: n_mels, n_mfcc, n_fft and hop_length up front, the rest
/// under Advanced. Validation is the core's validate(), shown inline. Presets, and config
/// JSON in exactly the CLI's format. UI thread only.
class ParametersPanel : public QWidget {
    Q_OBJECT

public:
    explicit ParametersPanel(QWidget* parent = nullptr);

    FeatureConfig config() const;
    void setConfig(const FeatureConfig& config);
    bool isValid() const { return m_problems.empty(); }
    /// The core's messages for the current values; empty when valid.
    QStringList problems() const;

    /// Loads or saves a config file; errors are returned as text for a dialog.
    QString loadConfigFile(const QString& path);
    QString saveConfigFile(const QString& path) const;

    /// For tests and shortcuts: the widget editing a JSON key.
    QWidget* editorFor(const QString& key) const;

signals:
    void configChanged(const cepstra::FeatureConfig& config, bool valid);

private:
    QWidget* buildBasicFields();
    QWidget* buildAdvancedFields();
    void applyPreset(int index);
    void refresh();

    QSpinBox* m_nMels;
    QSpinBox* m_nMfcc;
    QSpinBox* m_nFft;
    QSpinBox* m_hopLength;
    QSpinBox* m_sampleRate;
    QSpinBox* m_winLength;
    QComboBox* m_window;
    QCheckBox* m_center;
    QComboBox* m_padMode;
    QDoubleSpinBox* m_power;
    QDoubleSpinBox* m_fmin;
    QDoubleSpinBox* m_fmax;
    QCheckBox* m_htk;
    QComboBox* m_norm;
    QComboBox* m_dctType;
    QDoubleSpinBox* m_lifter;
    QCheckBox* m_trim;
    QDoubleSpinBox* m_topDb;
    std::map<Feature, QCheckBox*> m_features;
    std::map<Scaler, QCheckBox*> m_scalers;
    QComboBox* m_scaleAxis;
    QComboBox* m_naming;
    QComboBox* m_presets;
    QLabel* m_problemLabel;
    std::map<QString, QWidget*> m_editors;
    std::vector<ConfigProblem> m_problems;
    std::vector<Preset> m_presetList;
    bool m_updating = false;
};

} // namespace cepstra::ui
