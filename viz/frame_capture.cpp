// SPDX-License-Identifier: MIT
#include "viz/frame_capture.hpp"

#include <osgDB/WriteFile>

namespace hospsim::viz {

void FrameCapture::operator()(osg::RenderInfo& /*render_info*/) const {
  if (!armed_)
    return;
  osg::ref_ptr<osg::Image> image = new osg::Image;
  glReadBuffer(GL_BACK);
  image->readPixels(0, 0, width_, height_, GL_RGB, GL_UNSIGNED_BYTE);
  image_ = image;
  armed_ = false;
}

bool FrameCapture::write(const std::filesystem::path& file) const {
  return image_.valid() && osgDB::writeImageFile(*image_, file.string());
}

} // namespace hospsim::viz
