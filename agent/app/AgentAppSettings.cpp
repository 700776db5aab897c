// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AgentApp's part for the settings bundle (docs/settings.md): file, runtime and wallpaper
// appliers, and the kept bundle's runtime values put into effect before anything starts.
#include "agent/app/AgentApp.h"
#include "agent/app/Logging.h"
#include "agent/settings/RuntimeControl.h"
#include "agent/settings/SettingsClient.h"
#include "agent/settings/Wallpaper.h"
#include "common/tls/TlsConfig.h"

namespace steward::agent {
namespace {

// The applied settings version and values, in the state directory (BundleApplier).
constexpr char SettingsStateFile[] = "settings.json";
// The largest wallpaper downloaded (the server's own limit is http/maxRequestBytes).
constexpr qint64 MaxWallpaperBytes = 256LL * 1024 * 1024;

} // namespace

void AgentApp::startSettings(const AgentState& state)
{
    // The runtime appliers (shadow, vnc, agent): the kept bundle's values before anything starts.
    settings::RuntimeDefaults own;
    own.vnc.port = quint16(m_settings.vncPort);
    own.vnc.shadowPort = quint16(m_settings.shadowPort);
    own.heartbeat = m_config.heartbeat;
    m_runtime = std::make_unique<settings::RuntimeControl>(own);
    m_runtime->attachLink(m_link.get());
    auto appliers = settings::deviceAppliers();
    for (auto& applier : m_runtime->appliers()) {
        appliers.push_back(std::move(applier));
    }
    // desktop.wallpaper: downloaded over mutual TLS before the bundle is applied.
    auto wallpapers = std::make_shared<settings::WallpaperFiles>();
    appliers.push_back(settings::wallpaperApplier(wallpapers));
    m_wallpaperFetcher = std::make_unique<settings::WallpaperFetcher>(
        tls::clientConfiguration({state.serverCa}, state.client), MaxWallpaperBytes);
    m_settingsClient = std::make_unique<settings::SettingsClient>(
        *m_link,
        std::make_unique<settings::BundleApplier>(
            m_config.settingsRoot, steward::settings::ParameterRegistry::standard(),
            std::move(appliers), m_state.filePath(QLatin1String(SettingsStateFile))),
        state.deviceId, state.deviceCommunication);
    m_settingsClient->setPrepare(settings::wallpaperPreparation(
        *m_wallpaperFetcher, wallpapers, [this] { return m_link->currentUrl(); }));
    const auto restored = m_settingsClient->activateRuntime();
    for (auto it = restored.constBegin(); it != restored.constEnd(); ++it) {
        qCWarning(lcAgentApp).noquote()
            << QStringLiteral("kept setting %1 not in effect: %2").arg(it.key(), it.value());
    }
}

} // namespace steward::agent
