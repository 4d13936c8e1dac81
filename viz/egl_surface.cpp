// SPDX-License-Identifier: MIT
#include "viz/egl_surface.hpp"

#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <fmt/core.h>

namespace hospsim::viz {

std::unique_ptr<EglSurface> EglSurface::create(int width, int height, std::string& why) {
  std::unique_ptr<EglSurface> made(new EglSurface);
  EGLDisplay display =
      eglGetPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
  EGLint major = 0, minor = 0;
  if (display == EGL_NO_DISPLAY || !eglInitialize(display, &major, &minor)) {
    why = "no EGL surfaceless display (Mesa's EGL is needed: libegl-mesa0)";
    return nullptr;
  }
  made->display_ = display;
  const EGLint config_attributes[] = {EGL_SURFACE_TYPE,
                                      EGL_PBUFFER_BIT,
                                      EGL_RED_SIZE,
                                      8,
                                      EGL_GREEN_SIZE,
                                      8,
                                      EGL_BLUE_SIZE,
                                      8,
                                      EGL_DEPTH_SIZE,
                                      24,
                                      EGL_RENDERABLE_TYPE,
                                      EGL_OPENGL_BIT,
                                      EGL_NONE};
  EGLConfig config = nullptr;
  EGLint configs = 0;
  if (!eglChooseConfig(display, config_attributes, &config, 1, &configs) || configs < 1) {
    why = "no EGL configuration with an RGB pbuffer, a depth buffer and desktop OpenGL";
    return nullptr;
  }
  const EGLint surface_attributes[] = {EGL_WIDTH, width, EGL_HEIGHT, height, EGL_NONE};
  EGLSurface surface = eglCreatePbufferSurface(display, config, surface_attributes);
  if (surface == EGL_NO_SURFACE) {
    why = fmt::format("cannot create a {}x{} EGL pbuffer", width, height);
    return nullptr;
  }
  made->surface_ = surface;
  if (!eglBindAPI(EGL_OPENGL_API)) {
    why = "EGL has no desktop OpenGL";
    return nullptr;
  }
  EGLContext context = eglCreateContext(display, config, EGL_NO_CONTEXT, nullptr);
  if (context == EGL_NO_CONTEXT || !eglMakeCurrent(display, surface, surface, context)) {
    why = "cannot create or make current an EGL OpenGL context";
    if (context != EGL_NO_CONTEXT)
      made->context_ = context;
    return nullptr;
  }
  made->context_ = context;
  return made;
}

EglSurface::~EglSurface() {
  if (!display_)
    return;
  eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
  if (context_)
    eglDestroyContext(display_, context_);
  if (surface_)
    eglDestroySurface(display_, surface_);
  eglTerminate(display_);
}

} // namespace hospsim::viz
