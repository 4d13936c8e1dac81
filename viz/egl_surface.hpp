// SPDX-License-Identifier: MIT
#pragma once
/// EglSurface: an offscreen OpenGL context with no X server (Mesa's EGL surfaceless platform
/// and an EGL pbuffer), made current on the calling thread, for headless pictures where no
/// display is set. OpenSceneGraph then draws through osgViewer::GraphicsWindowEmbedded.
#include <memory>
#include <string>

namespace hospsim::viz {

class EglSurface {
public:
  /// A width x height pbuffer with a current context; nullptr (and `why` says why) when the
  /// machine's EGL cannot give one.
  static std::unique_ptr<EglSurface> create(int width, int height, std::string& why);
  EglSurface(const EglSurface&) = delete;
  EglSurface& operator=(const EglSurface&) = delete;
  ~EglSurface();

private:
  EglSurface() = default;
  void* display_ = nullptr;
  void* surface_ = nullptr;
  void* context_ = nullptr;
};

} // namespace hospsim::viz
