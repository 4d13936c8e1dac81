// SPDX-License-Identifier: MIT
#pragma once
/// FrameCapture: a camera's final-draw callback that, when armed, reads the window's pixels
/// (osg::Image::readPixels) after that camera has drawn; the caller writes them with
/// osgDB::writeImageFile. Put it on the camera drawn last (the last view's HUD).
#include <osg/Camera>
#include <osg/Image>

#include <filesystem>

namespace hospsim::viz {

class FrameCapture : public osg::Camera::DrawCallback {
public:
  FrameCapture(int width, int height) : width_(width), height_(height) {}
  /// The next frame drawn is captured.
  void arm() { armed_ = true; }
  bool captured() const { return image_.valid() && !armed_; }
  /// Writes the captured frame as PNG; false on failure.
  bool write(const std::filesystem::path& file) const;
  void operator()(osg::RenderInfo& render_info) const override;

private:
  int width_, height_;
  mutable bool armed_ = false;
  mutable osg::ref_ptr<osg::Image> image_;
};

} // namespace hospsim::viz
