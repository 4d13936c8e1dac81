// SPDX-License-Identifier: MIT
#include "viz/agent_layer.hpp"

#include <osg/Program>
#include <osg/Shader>
#include <osg/Uniform>

#include <cmath>
#include <cstring>

namespace hospsim::viz {

namespace {

constexpr const char* vertex_shader = R"glsl(#version 150 compatibility
uniform samplerBuffer instances;
out vec3 shade;
void main() {
  vec4 place = texelFetch(instances, gl_InstanceID * 2);
  vec4 look = texelFetch(instances, gl_InstanceID * 2 + 1);
  float c = cos(place.w), s = sin(place.w);
  vec3 v = gl_Vertex.xyz * look.w;
  vec3 n = gl_Normal;
  v.xy = vec2(c * v.x - s * v.y, s * v.x + c * v.y);
  n.xy = vec2(c * n.x - s * n.y, s * n.x + c * n.y);
  gl_Position = gl_ModelViewProjectionMatrix * vec4(place.xyz + v, 1.0);
  float light = 0.55 + 0.45 * max(dot(normalize(n), normalize(vec3(0.35, -0.45, 0.82))), 0.0);
  shade = look.rgb * light;
}
)glsl";

constexpr const char* fragment_shader = R"glsl(#version 150 compatibility
in vec3 shade;
void main() { gl_FragColor = vec4(shade, 1.0); }
)glsl";

/// Appends a closed prism of `sides` around the z axis (radius rx by ry, from z0 to z1) as
/// triangles with flat normals; `front` > 0 pushes the +x side out (a nose showing the heading).
void add_prism(osg::Vec3Array& v, osg::Vec3Array& n, int sides, float rx, float ry, float z0,
               float z1, float front = 0) {
  auto corner = [&](int k) {
    const double angle = 2 * M_PI * k / sides;
    const auto x = static_cast<float>(std::cos(angle));
    const auto y = static_cast<float>(std::sin(angle));
    return osg::Vec3(x * rx + (x > 0.9f ? front : 0.0f), y * ry, 0);
  };
  for (int k = 0; k < sides; ++k) {
    const osg::Vec3 a = corner(k), b = corner(k + 1);
    osg::Vec3 side = (b - a) ^ osg::Vec3(0, 0, 1);
    side.normalize();
    for (const osg::Vec3& p :
         {a + osg::Vec3(0, 0, z0), b + osg::Vec3(0, 0, z0), b + osg::Vec3(0, 0, z1),
          a + osg::Vec3(0, 0, z0), b + osg::Vec3(0, 0, z1), a + osg::Vec3(0, 0, z1)}) {
      v.push_back(p);
      n.push_back(side);
    }
    for (const osg::Vec3& p :
         {osg::Vec3(0, 0, z1), a + osg::Vec3(0, 0, z1), b + osg::Vec3(0, 0, z1)}) {
      v.push_back(p);
      n.push_back({0, 0, 1});
    }
  }
}

/// Appends a box centred on (0, 0, z0 + sz/2) of size sx, sy, sz (five faces: no bottom).
void add_box(osg::Vec3Array& v, osg::Vec3Array& n, float sx, float sy, float sz, float z0,
             const osg::Vec3& offset = {}) {
  const float x = sx / 2, y = sy / 2, z1 = z0 + sz;
  const auto face = [&](const osg::Vec3& a, const osg::Vec3& b, const osg::Vec3& c,
                        const osg::Vec3& d, const osg::Vec3& normal) {
    for (const osg::Vec3& p : {a, b, c, a, c, d}) {
      v.push_back(p + offset);
      n.push_back(normal);
    }
  };
  face({-x, -y, z1}, {x, -y, z1}, {x, y, z1}, {-x, y, z1}, {0, 0, 1});
  face({-x, -y, z0}, {x, -y, z0}, {x, -y, z1}, {-x, -y, z1}, {0, -1, 0});
  face({x, y, z0}, {-x, y, z0}, {-x, y, z1}, {x, y, z1}, {0, 1, 0});
  face({x, -y, z0}, {x, y, z0}, {x, y, z1}, {x, -y, z1}, {1, 0, 0});
  face({-x, y, z0}, {-x, -y, z0}, {-x, -y, z1}, {-x, y, z1}, {-1, 0, 0});
}

/// A scanner's gantry: an octagonal ring standing across the y axis, radius 1.1 m, 0.8 m deep,
/// centred 1.2 m up, as a closed octagonal prism along y.
void add_gantry(osg::Vec3Array& v, osg::Vec3Array& n) {
  osg::ref_ptr<osg::Vec3Array> pv = new osg::Vec3Array, pn = new osg::Vec3Array;
  add_prism(*pv, *pn, 8, 1.1f, 1.1f, -0.4f, 0.4f);
  // The prism's bottom cap is missing; add it so that the gantry reads from both sides.
  for (int k = 0; k < 8; ++k) {
    const double a0 = 2 * M_PI * k / 8, a1 = 2 * M_PI * (k + 1) / 8;
    for (const osg::Vec3& p : {osg::Vec3(0, 0, -0.4f),
                               osg::Vec3(1.1f * static_cast<float>(std::cos(a1)),
                                         1.1f * static_cast<float>(std::sin(a1)), -0.4f),
                               osg::Vec3(1.1f * static_cast<float>(std::cos(a0)),
                                         1.1f * static_cast<float>(std::sin(a0)), -0.4f)}) {
      pv->push_back(p);
      pn->push_back({0, 0, -1});
    }
  }
  // Rotate z -> -y (the ring faces south) and lift it.
  for (std::size_t i = 0; i < pv->size(); ++i) {
    const osg::Vec3 p = (*pv)[i], q = (*pn)[i];
    v.push_back({p.x(), -p.z(), p.y() + 1.2f});
    n.push_back({q.x(), -q.z(), q.y()});
  }
}

} // namespace

AgentLayer::AgentLayer(Figure figure, const osg::BoundingBox& bounds)
    : geode_(new osg::Geode), geometry_(new osg::Geometry) {
  osg::ref_ptr<osg::Vec3Array> vertices = new osg::Vec3Array;
  osg::ref_ptr<osg::Vec3Array> normals = new osg::Vec3Array;
  switch (figure) {
  case Figure::Patient:
    add_prism(*vertices, *normals, 6, 0.30f, 0.30f, 0.0f, 1.1f, 0.12f); // body
    add_prism(*vertices, *normals, 4, 0.20f, 0.20f, 1.15f, 1.5f);       // head
    break;
  case Figure::Staff:
    add_prism(*vertices, *normals, 4, 0.32f, 0.24f, 0.0f, 1.4f, 0.18f); // body, square
    add_prism(*vertices, *normals, 5, 0.18f, 0.18f, 1.45f, 1.85f);      // head
    break;
  case Figure::Bed: // 1 x 2 m mattress on a frame, a pillow at the north end
    add_box(*vertices, *normals, 1.0f, 2.0f, 0.55f, 0.0f);
    add_box(*vertices, *normals, 0.7f, 0.35f, 0.12f, 0.55f, {0, 0.75f, 0});
    break;
  case Figure::Trolley: // narrower and lower
    add_box(*vertices, *normals, 0.7f, 1.9f, 0.5f, 0.0f);
    break;
  case Figure::Scanner: // gantry and table
    add_gantry(*vertices, *normals);
    add_box(*vertices, *normals, 0.6f, 2.2f, 0.15f, 0.75f, {0, -1.4f, 0});
    break;
  case Figure::Device:
    add_box(*vertices, *normals, 0.8f, 0.6f, 1.3f, 0.0f);
    break;
  }
  full_count_ = vertices->size();
  // A plainer figure for crowds (beyond crowd_size instances): the body alone, 4 sides.
  if (figure == Figure::Patient)
    add_prism(*vertices, *normals, 4, 0.30f, 0.30f, 0.0f, 1.4f, 0.12f);
  else if (figure == Figure::Staff)
    add_prism(*vertices, *normals, 3, 0.32f, 0.30f, 0.0f, 1.8f, 0.10f);
  low_count_ = vertices->size() - full_count_;
  geometry_->setVertexArray(vertices);
  geometry_->setNormalArray(normals, osg::Array::BIND_PER_VERTEX);
  geometry_->setUseDisplayList(false);
  geometry_->setUseVertexBufferObjects(true);
  draw_ = new osg::DrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(full_count_), 1);
  geometry_->addPrimitiveSet(draw_);
  // The figures move anywhere in the building: bound them by it, never cull them.
  geometry_->setInitialBound(bounds);
  geode_->addDrawable(geometry_);
  geode_->setCullingActive(false);
  geode_->setName(figure == Figure::Patient ? "patients"
                  : figure == Figure::Staff ? "staff"
                                            : "units");

  osg::StateSet* state = geode_->getOrCreateStateSet();
  osg::ref_ptr<osg::Program> program = new osg::Program;
  program->addShader(new osg::Shader(osg::Shader::VERTEX, vertex_shader));
  program->addShader(new osg::Shader(osg::Shader::FRAGMENT, fragment_shader));
  state->setAttributeAndModes(program);
  reserve(1024);
  state->setTextureAttribute(1, buffer_);
  state->addUniform(new osg::Uniform("instances", 1));
  geode_->setNodeMask(0);
}

void AgentLayer::reserve(std::size_t instances) {
  if (instances <= capacity_)
    return;
  std::size_t capacity = std::max<std::size_t>(capacity_, 1024);
  while (capacity < instances)
    capacity *= 2;
  osg::ref_ptr<osg::Image> image = new osg::Image;
  image->allocateImage(static_cast<int>(capacity * 2), 1, 1, GL_RGBA, GL_FLOAT);
  image->setInternalTextureFormat(GL_RGBA32F_ARB);
  std::memset(image->data(), 0, image->getTotalSizeInBytes());
  if (instances_ && count_ > 0)
    std::memcpy(image->data(), instances_->data(), count_ * 8 * sizeof(float));
  instances_ = image;
  if (!buffer_) {
    buffer_ = new osg::TextureBuffer(instances_);
    buffer_->setInternalFormat(GL_RGBA32F_ARB);
  } else {
    buffer_->setBufferData(instances_);
  }
  capacity_ = capacity;
}

void AgentLayer::add(const osg::Vec3& position, float heading, const std::array<float, 4>& colour,
                     float scale) {
  reserve(count_ + 1);
  float* slot = reinterpret_cast<float*>(instances_->data()) + count_ * 8;
  slot[0] = position.x();
  slot[1] = position.y();
  slot[2] = position.z();
  slot[3] = heading;
  slot[4] = colour[0];
  slot[5] = colour[1];
  slot[6] = colour[2];
  slot[7] = scale;
  ++count_;
}

void AgentLayer::commit() {
  geode_->setNodeMask(count_ > 0 ? ~0u : 0u);
  if (count_ == 0)
    return;
  const bool crowd = count_ > crowd_size && low_count_ > 0;
  draw_->setFirst(crowd ? static_cast<GLint>(full_count_) : 0);
  draw_->setCount(static_cast<GLsizei>(crowd ? low_count_ : full_count_));
  draw_->setNumInstances(static_cast<GLsizei>(count_));
  draw_->dirty();
  instances_->dirty();
}

} // namespace hospsim::viz
